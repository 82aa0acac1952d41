package io.aiinvest.datahub.domain;

/**
 * What adjustment a series of prices carries as a provider delivered it. The hub stores {@link #AS_TRADED} only
 * (ARCHITECTURE.md, "Canonical price representation"); ingest converts the others back using split events.
 */
public enum PriceBasis {
  /** Prices and volumes as they traded on the day. */
  AS_TRADED,
  /** Prices divided (volumes multiplied) by every split after the bar, as of the fetch date. */
  SPLIT_ADJUSTED,
  /** Split-adjusted and also scaled for cash dividends (a total-return series). */
  FULLY_ADJUSTED
}
