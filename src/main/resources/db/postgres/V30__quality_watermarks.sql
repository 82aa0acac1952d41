-- Incremental data-quality runs (docs/quality.md): each check remembers, per symbol, the last bar date it examined,
-- so the nightly run reads only the sessions added since plus the check's trailing window.
CREATE TABLE quality_watermarks (
    symbol          TEXT COLLATE "C" NOT NULL,
    check_type      TEXT NOT NULL,
    checked_through DATE NOT NULL,
    checked_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT quality_watermarks_pkey PRIMARY KEY (symbol, check_type)
);

-- Every run compares its results with the unresolved findings of the same symbols and checks.
CREATE INDEX data_quality_log_open_idx ON data_quality_log (symbol, check_type) WHERE NOT resolved;
