-- As db/postgres V20 (docs/completeness-and-repair.md): one row per session a provider could not deliver, counted up
-- on every repair attempt so repair backs off and gives up. The time columns hold the repair's own clock.
CREATE TABLE repair_attempts (
    symbol           VARCHAR NOT NULL,
    session_date     DATE NOT NULL,
    attempts         INTEGER NOT NULL CONSTRAINT repair_attempts_attempts_positive CHECK (attempts >= 1),
    first_attempt_at TIMESTAMPTZ NOT NULL,
    last_attempt_at  TIMESTAMPTZ NOT NULL,
    last_provider    VARCHAR NOT NULL,
    last_outcome     VARCHAR NOT NULL,
    CONSTRAINT repair_attempts_pkey PRIMARY KEY (symbol, session_date),
    CONSTRAINT repair_attempts_time_order CHECK (last_attempt_at >= first_attempt_at)
);
