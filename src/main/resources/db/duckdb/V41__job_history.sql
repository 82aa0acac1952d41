-- As db/postgres V41: the job history of `datahub serve` (docs/worker.md), one job_runs row per run of a daily job
-- keyed by job and slot, and one job_run_items row per symbol of the run. The same statements read and write both
-- databases (io.aiinvest.datahub.schedule.jdbc.JdbcJobHistory). Where it differs, and why:
--   * the run id is a sequence, then_jobs a VARCHAR[] (PostgreSQL: identity, TEXT[]).
--   * job_run_items has no foreign key to job_runs: DuckDB has no ON DELETE CASCADE, and nothing deletes runs.
--   * no index on started_at and no partial index on pending items: DuckDB has no partial indexes, and its zone maps
--     on run_id and started_at prune a history of this size as well as an index would.
--   * symbol has no COLLATE "C": DuckDB compares strings byte by byte already, so batches follow the same order.
CREATE SEQUENCE job_runs_id_seq;
CREATE TABLE job_runs (
    id               BIGINT PRIMARY KEY DEFAULT nextval('${flyway:defaultSchema}.job_runs_id_seq'),
    job              VARCHAR NOT NULL,
    scheduled_for    TIMESTAMPTZ NOT NULL,
    run_trigger      VARCHAR NOT NULL CONSTRAINT job_runs_trigger CHECK (run_trigger IN ('schedule', 'run-now')),
    session_date     DATE NOT NULL,
    started_at       TIMESTAMPTZ NOT NULL,
    ended_at         TIMESTAMPTZ,
    status           VARCHAR NOT NULL
                     CONSTRAINT job_runs_status CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
    symbols_total    INTEGER NOT NULL CONSTRAINT job_runs_symbols_total CHECK (symbols_total >= 0),
    symbols_ok       INTEGER NOT NULL DEFAULT 0,
    symbols_failed   INTEGER NOT NULL DEFAULT 0,
    bars_inserted    BIGINT NOT NULL DEFAULT 0,
    bars_updated     BIGINT NOT NULL DEFAULT 0,
    actions_inserted BIGINT NOT NULL DEFAULT 0,
    actions_revised  BIGINT NOT NULL DEFAULT 0,
    findings         BIGINT NOT NULL DEFAULT 0,
    interruptions    INTEGER NOT NULL DEFAULT 0,
    -- The jobs a run-now sequence starts once this one has finished, in order.
    then_jobs        VARCHAR[] NOT NULL DEFAULT [],
    error            VARCHAR,
    CONSTRAINT job_runs_slot UNIQUE (job, scheduled_for),
    CONSTRAINT job_runs_end_after_start CHECK (ended_at IS NULL OR ended_at >= started_at)
);

CREATE TABLE job_run_items (
    run_id           BIGINT NOT NULL,
    symbol           VARCHAR NOT NULL,
    batch            INTEGER NOT NULL CONSTRAINT job_run_items_batch CHECK (batch >= 0),
    status           VARCHAR NOT NULL
                     CONSTRAINT job_run_items_status CHECK (status IN ('pending', 'succeeded', 'failed')),
    worker           VARCHAR,
    finished_at      TIMESTAMPTZ,
    bars_inserted    BIGINT NOT NULL DEFAULT 0,
    bars_updated     BIGINT NOT NULL DEFAULT 0,
    actions_inserted BIGINT NOT NULL DEFAULT 0,
    actions_revised  BIGINT NOT NULL DEFAULT 0,
    findings         BIGINT NOT NULL DEFAULT 0,
    error            VARCHAR,
    CONSTRAINT job_run_items_pkey PRIMARY KEY (run_id, symbol)
);
