-- Job history of `datahub serve` (docs/worker.md). One job_runs row per run of a daily job, keyed by the job and
-- the slot it ran for, so a planner that is run again after a crash finds its run instead of starting a second one.
-- Its work is one job_run_items row per symbol: whichever worker finishes a symbol flips it from pending exactly once,
-- and a worker that resumes a run skips what is no longer pending. Times are the worker's clock, not now(), so a run
-- is judged by the time it was told.
CREATE TABLE job_runs (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job              TEXT NOT NULL,
    scheduled_for    TIMESTAMPTZ NOT NULL,
    run_trigger      TEXT NOT NULL CONSTRAINT job_runs_trigger CHECK (run_trigger IN ('schedule', 'run-now')),
    session_date     DATE NOT NULL,
    started_at       TIMESTAMPTZ NOT NULL,
    ended_at         TIMESTAMPTZ,
    status           TEXT NOT NULL
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
    then_jobs        TEXT[] NOT NULL DEFAULT '{}',
    error            TEXT,
    CONSTRAINT job_runs_slot UNIQUE (job, scheduled_for),
    CONSTRAINT job_runs_end_after_start CHECK (ended_at IS NULL OR ended_at >= started_at)
);

CREATE INDEX job_runs_started_at_idx ON job_runs (started_at DESC);

CREATE TABLE job_run_items (
    run_id           BIGINT NOT NULL REFERENCES job_runs (id) ON DELETE CASCADE,
    symbol           TEXT COLLATE "C" NOT NULL,
    batch            INTEGER NOT NULL CONSTRAINT job_run_items_batch CHECK (batch >= 0),
    status           TEXT NOT NULL CONSTRAINT job_run_items_status CHECK (status IN ('pending', 'succeeded', 'failed')),
    worker           TEXT,
    finished_at      TIMESTAMPTZ,
    bars_inserted    BIGINT NOT NULL DEFAULT 0,
    bars_updated     BIGINT NOT NULL DEFAULT 0,
    actions_inserted BIGINT NOT NULL DEFAULT 0,
    actions_revised  BIGINT NOT NULL DEFAULT 0,
    findings         BIGINT NOT NULL DEFAULT 0,
    error            TEXT,
    CONSTRAINT job_run_items_pkey PRIMARY KEY (run_id, symbol)
);

CREATE INDEX job_run_items_pending_idx ON job_run_items (run_id, batch) WHERE status = 'pending';
