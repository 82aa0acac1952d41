-- The persistent job store of `datahub serve` (docs/worker.md): db-scheduler's own table, in the shape its 16.x line
-- reads and writes (com.github.kagkarlsson:db-scheduler, PostgreSQL variant). One row per pending execution: the four
-- recurring daily jobs and the one-time work items they fan out to. Picking a row is an UPDATE guarded by `version`
-- (or SELECT … FOR UPDATE SKIP LOCKED), so several workers sharing the database never run one execution twice.
CREATE TABLE scheduled_tasks (
    task_name            TEXT NOT NULL,
    task_instance        TEXT NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMPTZ NOT NULL,
    picked               BOOLEAN NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMPTZ,
    last_failure         TIMESTAMPTZ,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMPTZ,
    version              BIGINT NOT NULL,
    priority             SMALLINT,
    CONSTRAINT scheduled_tasks_pkey PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX scheduled_tasks_execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
