-- datahub core schema on DuckDB: the tables and columns of db/postgres V1 + V2, so this first migration is
-- version 2; every later one takes the version of its PostgreSQL counterpart. Prices are exact decimals; bars are stored
-- as traded (ARCHITECTURE.md). Where DuckDB differs from the PostgreSQL schema, and why:
--   * bars has no primary key. An ART index made each hub write 3-5x slower (measured: 2M bars in 40 transactions,
--     5.8 s with the key, 1.1 s without) and has to be held in memory whole. Uniqueness of (symbol, timestamp) is
--     kept by the store instead: one process writes a file (DuckDB's file lock), writes inside it are serialised,
--     and every write inserts only keys that are not stored yet (docs/duckdb.md). Reads prune row groups through
--     DuckDB's zone maps on symbol and timestamp rather than through an index.
--   * bar prices are DECIMAL(18,6), not (19,6): an 18-digit decimal is a 64-bit integer inside DuckDB, a 19-digit one
--     a 128-bit integer, which made COPY from CSV 30x slower and is wider than any real price. The store refuses a
--     price of 10^12 or more with a message saying so; PostgreSQL accepts up to 10^13.
--   * identity columns are sequences, JSONB is JSON, generated columns are VIRTUAL (DuckDB has no STORED), and
--     constraint names are kept for readers although DuckDB reports a failed CHECK by its expression.
--   * a column default is resolved in the inserting session's search path, so sequences are named with their schema.

CREATE SEQUENCE symbol_map_id_seq;
CREATE TABLE symbol_map (
    id          BIGINT PRIMARY KEY DEFAULT nextval('${flyway:defaultSchema}.symbol_map_id_seq'),
    symbol      VARCHAR NOT NULL UNIQUE
                CONSTRAINT symbol_map_symbol_format CHECK (regexp_full_match(symbol, '[A-Z0-9.^=-]{1,20}')),
    name        VARCHAR,
    exchange    VARCHAR,
    asset_type  VARCHAR,
    sector      VARCHAR,
    industry    VARCHAR,
    is_active   BOOLEAN NOT NULL DEFAULT TRUE,
    data_source VARCHAR,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    listed_on   DATE,
    delisted_on DATE,
    CONSTRAINT symbol_map_listing_order CHECK (delisted_on IS NULL OR listed_on IS NULL OR delisted_on >= listed_on)
);

CREATE TABLE bars (
    symbol            VARCHAR NOT NULL,
    "timestamp"       DATE NOT NULL,
    open              DECIMAL(18, 6) NOT NULL,
    high              DECIMAL(18, 6) NOT NULL,
    low               DECIMAL(18, 6) NOT NULL,
    close             DECIMAL(18, 6) NOT NULL,
    volume            BIGINT NOT NULL,
    adjusted_close    DECIMAL(18, 6),
    split_adjusted    BOOLEAN NOT NULL DEFAULT FALSE,
    dividend_adjusted BOOLEAN NOT NULL DEFAULT FALSE,
    source            VARCHAR NOT NULL,
    ingested_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- The full ticker pattern is enforced on symbol_map and the store refuses bars of unregistered symbols; here only
    -- the length: PostgreSQL's "symbol = upper(symbol)" was the costliest check of all on DuckDB (measured: 0.15 of
    -- 0.85 CPU seconds per million inserted bars, where the other fourteen checks together cost 0.15).
    CONSTRAINT bars_symbol_format CHECK (strlen(symbol) BETWEEN 1 AND 20),
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
);

-- Every change an upsert makes to a stored bar keeps the values it replaced, so "what did we believe on date D"
-- has an answer: the previous values were current from previous_ingested_at until revised_at.
CREATE SEQUENCE bar_revisions_id_seq;
CREATE TABLE bar_revisions (
    id                   BIGINT PRIMARY KEY DEFAULT nextval('${flyway:defaultSchema}.bar_revisions_id_seq'),
    symbol               VARCHAR NOT NULL,
    "timestamp"          DATE NOT NULL,
    open                 DECIMAL(18, 6) NOT NULL,
    high                 DECIMAL(18, 6) NOT NULL,
    low                  DECIMAL(18, 6) NOT NULL,
    close                DECIMAL(18, 6) NOT NULL,
    volume               BIGINT NOT NULL,
    adjusted_close       DECIMAL(18, 6),
    previous_source      VARCHAR NOT NULL,
    previous_ingested_at TIMESTAMPTZ NOT NULL,
    revised_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    new_source           VARCHAR NOT NULL
);

CREATE SEQUENCE corporate_actions_id_seq;
CREATE TABLE corporate_actions (
    id                BIGINT PRIMARY KEY DEFAULT nextval('${flyway:defaultSchema}.corporate_actions_id_seq'),
    symbol            VARCHAR NOT NULL
                      CONSTRAINT corporate_actions_symbol_format CHECK (regexp_full_match(symbol, '[A-Z0-9.^=-]{1,20}')),
    action_type       VARCHAR NOT NULL CONSTRAINT corporate_actions_type CHECK (action_type IN ('split', 'dividend')),
    ex_date           DATE NOT NULL,
    split_numerator   DECIMAL(19, 8),
    split_denominator DECIMAL(19, 8),
    -- DuckDB divides decimals in DOUBLE; the cast gives the PostgreSQL column's type back.
    split_ratio       DECIMAL(24, 12) GENERATED ALWAYS AS
                      (CAST(split_numerator / NULLIF(split_denominator, 0) AS DECIMAL(24, 12))) VIRTUAL,
    dividend_amount   DECIMAL(19, 6),
    currency          VARCHAR,
    processed         BOOLEAN NOT NULL DEFAULT FALSE,
    source            VARCHAR NOT NULL,
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

-- A provider that revises an action (ratio or amount changed) leaves the replaced values here.
CREATE SEQUENCE corporate_action_revisions_id_seq;
CREATE TABLE corporate_action_revisions (
    id                BIGINT PRIMARY KEY DEFAULT nextval('${flyway:defaultSchema}.corporate_action_revisions_id_seq'),
    symbol            VARCHAR NOT NULL,
    action_type       VARCHAR NOT NULL,
    ex_date           DATE NOT NULL,
    split_numerator   DECIMAL(19, 8),
    split_denominator DECIMAL(19, 8),
    dividend_amount   DECIMAL(19, 6),
    currency          VARCHAR,
    previous_source   VARCHAR NOT NULL,
    change            VARCHAR NOT NULL
                      CONSTRAINT corporate_action_revisions_change CHECK (change IN ('revised', 'withdrawn')),
    revised_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    new_source        VARCHAR
);

CREATE SEQUENCE data_quality_log_id_seq;
CREATE TABLE data_quality_log (
    id               BIGINT PRIMARY KEY DEFAULT nextval('${flyway:defaultSchema}.data_quality_log_id_seq'),
    symbol           VARCHAR NOT NULL,
    check_type       VARCHAR NOT NULL,
    severity         VARCHAR NOT NULL
                     CONSTRAINT data_quality_log_severity CHECK (severity IN ('INFO', 'WARNING', 'ERROR')),
    check_time       TIMESTAMPTZ NOT NULL DEFAULT now(),
    date_range_start DATE,
    date_range_end   DATE,
    issue_count      INTEGER NOT NULL DEFAULT 0 CONSTRAINT data_quality_log_issue_count CHECK (issue_count >= 0),
    details          JSON NOT NULL DEFAULT '{}',
    resolved         BOOLEAN NOT NULL DEFAULT FALSE,
    resolved_at      TIMESTAMPTZ
);
