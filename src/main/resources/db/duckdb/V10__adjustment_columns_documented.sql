-- As db/postgres V10: adjusted series are computed on read from corporate_actions (docs/adjustments.md), never
-- stored; the schema says what the columns that sound like stored adjustments hold.
COMMENT ON COLUMN bars.adjusted_close IS 'The provider''s own adjusted close exactly as delivered with this bar (Yahoo adjclose, a file''s Adj Close), a snapshot as of that delivery. Kept only to cross-check the hub''s total-return factors (datahub corporate-actions --verify); never served as an adjusted price. Adjusted series: datahub bars --adjust.';
COMMENT ON COLUMN bars.split_adjusted IS 'Always false (CHECK bars_stored_as_traded): prices and volume are stored as traded; split factors apply on read.';
COMMENT ON COLUMN bars.dividend_adjusted IS 'Always false (CHECK bars_stored_as_traded): prices are stored as traded; dividend factors apply on read.';
COMMENT ON COLUMN corporate_actions.processed IS 'Unused: no action is ever applied to stored bars; factors are derived from this table at read time.';
COMMENT ON COLUMN corporate_actions.dividend_amount IS 'Cash per share as traded on the ex-date (per post-split share when a split shares the ex-date).';
COMMENT ON TABLE corporate_action_revisions IS 'Previous values of actions a provider revised (change = revised) or no longer lists in a complete delivery for a window (change = withdrawn, the row is deleted from corporate_actions).';
