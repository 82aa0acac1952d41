-- As db/postgres V42: the provider chain a fetching job ran with; empty for quality runs and older runs.
ALTER TABLE job_runs ADD COLUMN provider VARCHAR;
