package io.aiinvest.datahub.adjust;

/** Which corporate actions an adjusted series folds into the prices before each action's ex-date. */
public enum AdjustMode {
  /** Prices and volumes as traded, as stored. */
  NONE,
  /** Splits only: prices × m/n and volumes × n/m before the ex-date of every n:m split. */
  SPLIT,
  /** Splits and cash dividends: a total-return series, comparable to a provider's adjusted close. */
  TOTAL
}
