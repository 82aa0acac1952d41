-- As db/postgres V30 (docs/quality.md): per symbol and check, the last bar date a check examined, so incremental runs
-- read only what came since. PostgreSQL's partial index on the open findings has no DuckDB counterpart (DuckDB has no
-- partial indexes); the log is small and DuckDB scans it.
--
-- db/postgres V40 and V41 (the job store and history of `datahub serve`) have no counterpart here: the worker needs
-- PostgreSQL (docs/worker.md) and refuses an embedded database with a message saying so.
CREATE TABLE quality_watermarks (
    symbol          VARCHAR NOT NULL,
    check_type      VARCHAR NOT NULL,
    checked_through DATE NOT NULL,
    checked_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT quality_watermarks_pkey PRIMARY KEY (symbol, check_type)
);
