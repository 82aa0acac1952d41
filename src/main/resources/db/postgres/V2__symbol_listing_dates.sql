-- Listing and delisting dates bound completeness checks: sessions before a listing or after a delisting are not
-- missing bars.
ALTER TABLE symbol_map
    ADD COLUMN listed_on   DATE,
    ADD COLUMN delisted_on DATE,
    ADD CONSTRAINT symbol_map_listing_order CHECK (delisted_on IS NULL OR listed_on IS NULL OR delisted_on >= listed_on);
