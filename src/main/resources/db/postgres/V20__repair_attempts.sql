-- Repair (docs/completeness-and-repair.md) asks providers again for sessions a symbol is missing. A session the
-- provider cannot deliver (a halted stock, a vendor hole) gets a row here, counted up on every attempt; repair backs
-- off by that count and gives up after a few, so the same holes are not refetched on every run. The time columns
-- hold the repair's own clock, not now(), so a run is judged by the time it was told.
CREATE TABLE repair_attempts (
    symbol           TEXT COLLATE "C" NOT NULL,
    session_date     DATE NOT NULL,
    attempts         INTEGER NOT NULL CONSTRAINT repair_attempts_attempts_positive CHECK (attempts >= 1),
    first_attempt_at TIMESTAMPTZ NOT NULL,
    last_attempt_at  TIMESTAMPTZ NOT NULL,
    last_provider    TEXT NOT NULL,
    last_outcome     TEXT NOT NULL,
    CONSTRAINT repair_attempts_pkey PRIMARY KEY (symbol, session_date),
    CONSTRAINT repair_attempts_time_order CHECK (last_attempt_at >= first_attempt_at)
);
