-- As db/postgres V40: db-scheduler's job store for `datahub serve` (docs/worker.md), read and written by its
-- JdbcTaskRepository through io.aiinvest.datahub.schedule.jdbc.DuckDbJdbcCustomization. Where it differs, and why:
--   * task_data is a BLOB (PostgreSQL BYTEA).
--   * no secondary indexes. DuckDB rewrites an update of an indexed column as a delete and an insert, and every poll,
--     pick and heartbeat updates execution_time, picked or last_heartbeat; the table holds a few rows (four daily jobs
--     and the batches of the run in progress), which a scan reads faster than an index lookup.
--   * only one process can open the file, so one worker polls it: db-scheduler picks an execution with its optimistic
--     `UPDATE … WHERE version = ?` instead of PostgreSQL's SELECT … FOR UPDATE SKIP LOCKED, which DuckDB does not have.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR NOT NULL,
    task_instance        VARCHAR NOT NULL,
    task_data            BLOB,
    execution_time       TIMESTAMPTZ NOT NULL,
    picked               BOOLEAN NOT NULL,
    picked_by            VARCHAR,
    last_success         TIMESTAMPTZ,
    last_failure         TIMESTAMPTZ,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMPTZ,
    version              BIGINT NOT NULL,
    priority             SMALLINT,
    CONSTRAINT scheduled_tasks_pkey PRIMARY KEY (task_name, task_instance)
);
