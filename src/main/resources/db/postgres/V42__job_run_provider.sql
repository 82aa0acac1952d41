-- The provider chain a fetching job ran with (docs/worker.md): `yahoo`, or a fallback chain such as `yahoo,stooq`,
-- as the worker that planned the run was configured. Empty for jobs that only read the store (quality) and for runs
-- recorded before this column existed.
ALTER TABLE job_runs ADD COLUMN provider TEXT;
