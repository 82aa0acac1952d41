-- datahub core schema. Prices are exact decimals; bars are stored as traded (ARCHITECTURE.md).
-- Symbols use the "C" collation: tickers are ASCII, byte order is their order, and under the server's default
-- locale every key comparison called strcoll (measured: the primary key made COPY 2.5x slower without it).

CREATE TABLE symbol_map (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    symbol      TEXT COLLATE "C" NOT NULL UNIQUE
                CONSTRAINT symbol_map_symbol_format CHECK (symbol ~ '^[A-Z0-9.^=-]{1,20}$'),
    name        TEXT,
    exchange    TEXT,
    asset_type  TEXT,
    sector      TEXT,
    industry    TEXT,
    is_active   BOOLEAN NOT NULL DEFAULT TRUE,
    data_source TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The bars table is declared inside a DO block because its shape depends on the server: a TimescaleDB hypertable
-- with 1-month chunks where the extension can be loaded, otherwise a native table range-partitioned by year (the
-- store creates each year's partition before a load touches it).
DO $$
DECLARE
    has_timescale BOOLEAN;
BEGIN
    has_timescale := EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
                     AND current_setting('shared_preload_libraries', true) LIKE '%timescaledb%';
    IF has_timescale THEN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
    END IF;

    EXECUTE format($ddl$
        CREATE TABLE bars (
            symbol            TEXT COLLATE "C" NOT NULL,
            "timestamp"       DATE NOT NULL,
            open              NUMERIC(19, 6) NOT NULL,
            high              NUMERIC(19, 6) NOT NULL,
            low               NUMERIC(19, 6) NOT NULL,
            close             NUMERIC(19, 6) NOT NULL,
            volume            BIGINT NOT NULL,
            adjusted_close    NUMERIC(19, 6),
            split_adjusted    BOOLEAN NOT NULL DEFAULT FALSE,
            dividend_adjusted BOOLEAN NOT NULL DEFAULT FALSE,
            source            TEXT NOT NULL,
            ingested_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
            CONSTRAINT bars_pkey PRIMARY KEY (symbol, "timestamp"),
            -- The full ticker pattern is enforced on symbol_map, and the store refuses bars of unregistered
            -- symbols; here a cheap shape check, because a regular expression per row cost a fifth of COPY speed.
            CONSTRAINT bars_symbol_format CHECK (octet_length(symbol) BETWEEN 1 AND 20 AND symbol = upper(symbol)),
            CONSTRAINT bars_timestamp_in_range CHECK ("timestamp" BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
            CONSTRAINT bars_open_positive CHECK (open > 0),
            CONSTRAINT bars_high_positive CHECK (high > 0),
            CONSTRAINT bars_low_positive CHECK (low > 0),
            CONSTRAINT bars_close_positive CHECK (close > 0),
            CONSTRAINT bars_high_ge_low CHECK (high >= low),
            CONSTRAINT bars_high_ge_open CHECK (high >= open),
            CONSTRAINT bars_high_ge_close CHECK (high >= close),
            CONSTRAINT bars_low_le_open CHECK (low <= open),
            CONSTRAINT bars_low_le_close CHECK (low <= close),
            CONSTRAINT bars_volume_non_negative CHECK (volume >= 0),
            CONSTRAINT bars_adjusted_close_positive CHECK (adjusted_close IS NULL OR adjusted_close > 0),
            CONSTRAINT bars_source_not_empty CHECK (length(source) BETWEEN 1 AND 32),
            -- Canonical storage is as traded: adjusted series are derived on read, never stored in these columns.
            CONSTRAINT bars_stored_as_traded CHECK (NOT split_adjusted AND NOT dividend_adjusted)
        ) %s
    $ddl$, CASE WHEN has_timescale THEN '' ELSE 'PARTITION BY RANGE ("timestamp")' END);

    IF has_timescale THEN
        PERFORM create_hypertable('bars', 'timestamp', chunk_time_interval => INTERVAL '1 month');
        EXECUTE 'ALTER TABLE bars SET (timescaledb.compress, timescaledb.compress_segmentby = ''symbol'','
             || ' timescaledb.compress_orderby = ''"timestamp"'')';
        PERFORM add_compression_policy('bars', INTERVAL '1 year');
    END IF;
END
$$;

CREATE INDEX bars_timestamp_idx ON bars ("timestamp");

-- Every change an upsert makes to a stored bar keeps the values it replaced, so "what did we believe on date D"
-- has an answer: the previous values were current from previous_ingested_at until revised_at.
CREATE TABLE bar_revisions (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    symbol               TEXT COLLATE "C" NOT NULL,
    "timestamp"          DATE NOT NULL,
    open                 NUMERIC(19, 6) NOT NULL,
    high                 NUMERIC(19, 6) NOT NULL,
    low                  NUMERIC(19, 6) NOT NULL,
    close                NUMERIC(19, 6) NOT NULL,
    volume               BIGINT NOT NULL,
    adjusted_close       NUMERIC(19, 6),
    previous_source      TEXT NOT NULL,
    previous_ingested_at TIMESTAMPTZ NOT NULL,
    revised_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    new_source           TEXT NOT NULL
);
CREATE INDEX bar_revisions_symbol_timestamp_idx ON bar_revisions (symbol, "timestamp", revised_at);

CREATE TABLE corporate_actions (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    symbol            TEXT COLLATE "C" NOT NULL CONSTRAINT corporate_actions_symbol_format CHECK (symbol ~ '^[A-Z0-9.^=-]{1,20}$'),
    action_type       TEXT NOT NULL CONSTRAINT corporate_actions_type CHECK (action_type IN ('split', 'dividend')),
    ex_date           DATE NOT NULL,
    split_numerator   NUMERIC(19, 8),
    split_denominator NUMERIC(19, 8),
    split_ratio       NUMERIC(24, 12) GENERATED ALWAYS AS (split_numerator / NULLIF(split_denominator, 0)) STORED,
    dividend_amount   NUMERIC(19, 6),
    currency          TEXT,
    processed         BOOLEAN NOT NULL DEFAULT FALSE,
    source            TEXT NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT corporate_actions_unique UNIQUE (symbol, action_type, ex_date),
    CONSTRAINT corporate_actions_split_ratio CHECK (
        action_type <> 'split'
        OR (split_numerator > 0 AND split_denominator > 0 AND split_numerator <> split_denominator
            AND dividend_amount IS NULL)),
    CONSTRAINT corporate_actions_dividend_amount CHECK (
        action_type <> 'dividend'
        OR (dividend_amount >= 0 AND split_numerator IS NULL AND split_denominator IS NULL))
);
CREATE INDEX corporate_actions_symbol_ex_date_idx ON corporate_actions (symbol, ex_date);
CREATE INDEX corporate_actions_action_type_idx ON corporate_actions (action_type);

-- A provider that revises an action (ratio or amount changed) leaves the replaced values here.
CREATE TABLE corporate_action_revisions (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    symbol            TEXT NOT NULL,
    action_type       TEXT NOT NULL,
    ex_date           DATE NOT NULL,
    split_numerator   NUMERIC(19, 8),
    split_denominator NUMERIC(19, 8),
    dividend_amount   NUMERIC(19, 6),
    currency          TEXT,
    previous_source   TEXT NOT NULL,
    change            TEXT NOT NULL CONSTRAINT corporate_action_revisions_change CHECK (change IN ('revised', 'withdrawn')),
    revised_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    new_source        TEXT
);
CREATE INDEX corporate_action_revisions_symbol_idx ON corporate_action_revisions (symbol, ex_date);

CREATE TABLE data_quality_log (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    symbol           TEXT COLLATE "C" NOT NULL,
    check_type       TEXT NOT NULL,
    severity         TEXT NOT NULL CONSTRAINT data_quality_log_severity CHECK (severity IN ('INFO', 'WARNING', 'ERROR')),
    check_time       TIMESTAMPTZ NOT NULL DEFAULT now(),
    date_range_start DATE,
    date_range_end   DATE,
    issue_count      INTEGER NOT NULL DEFAULT 0 CONSTRAINT data_quality_log_issue_count CHECK (issue_count >= 0),
    details          JSONB NOT NULL DEFAULT '{}'::jsonb,
    resolved         BOOLEAN NOT NULL DEFAULT FALSE,
    resolved_at      TIMESTAMPTZ
);
CREATE INDEX data_quality_log_symbol_check_time_idx ON data_quality_log (symbol, check_type, check_time);
CREATE INDEX data_quality_log_check_time_idx ON data_quality_log (check_time);
