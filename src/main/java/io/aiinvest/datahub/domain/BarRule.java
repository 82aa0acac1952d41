package io.aiinvest.datahub.domain;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The rules every stored bar obeys. Each has the name of the CHECK constraint on {@code market_data.bars} that
 * enforces it in the database too, so a rejection reads the same whichever side caught it.
 */
public enum BarRule {
  OPEN_POSITIVE("bars_open_positive", "open must be > 0"),
  HIGH_POSITIVE("bars_high_positive", "high must be > 0"),
  LOW_POSITIVE("bars_low_positive", "low must be > 0"),
  CLOSE_POSITIVE("bars_close_positive", "close must be > 0"),
  HIGH_GE_LOW("bars_high_ge_low", "high must be >= low"),
  HIGH_GE_OPEN("bars_high_ge_open", "high must be >= open"),
  HIGH_GE_CLOSE("bars_high_ge_close", "high must be >= close"),
  LOW_LE_OPEN("bars_low_le_open", "low must be <= open"),
  LOW_LE_CLOSE("bars_low_le_close", "low must be <= close"),
  VOLUME_NON_NEGATIVE("bars_volume_non_negative", "volume must be >= 0"),
  PRICE_IN_RANGE("bars_price_in_range", "prices must be below 10^13"),
  ADJ_CLOSE_POSITIVE("bars_adjusted_close_positive", "adjusted close must be > 0"),
  DATE_IN_RANGE("bars_timestamp_in_range", "date must be between 1900-01-01 and 2100-12-31");

  /** Largest price numeric(19,6) holds; anything larger is a provider's garbage, not a price. */
  public static final BigDecimal MAX_PRICE = new BigDecimal("10000000000000");

  private final String constraintName;
  private final String description;

  BarRule(String constraintName, String description) {
    this.constraintName = constraintName;
    this.description = description;
  }

  public String constraintName() {
    return constraintName;
  }

  public String description() {
    return description;
  }

  public static Optional<BarRule> byConstraint(String constraintName) {
    for (BarRule rule : values()) {
      if (rule.constraintName.equals(constraintName)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /** The first rule the given values break, in declaration order, or empty when they form a valid bar. */
  public static Optional<BarRule> firstBroken(
      java.time.LocalDate date,
      BigDecimal open,
      BigDecimal high,
      BigDecimal low,
      BigDecimal close,
      long volume,
      BigDecimal adjustedClose) {
    if (date.getYear() < 1900 || date.getYear() > 2100) {
      return Optional.of(DATE_IN_RANGE);
    }
    if (open.signum() <= 0) {
      return Optional.of(OPEN_POSITIVE);
    }
    if (high.signum() <= 0) {
      return Optional.of(HIGH_POSITIVE);
    }
    if (low.signum() <= 0) {
      return Optional.of(LOW_POSITIVE);
    }
    if (close.signum() <= 0) {
      return Optional.of(CLOSE_POSITIVE);
    }
    if (high.compareTo(MAX_PRICE) >= 0) {
      return Optional.of(PRICE_IN_RANGE);
    }
    if (high.compareTo(low) < 0) {
      return Optional.of(HIGH_GE_LOW);
    }
    if (high.compareTo(open) < 0) {
      return Optional.of(HIGH_GE_OPEN);
    }
    if (high.compareTo(close) < 0) {
      return Optional.of(HIGH_GE_CLOSE);
    }
    if (low.compareTo(open) > 0) {
      return Optional.of(LOW_LE_OPEN);
    }
    if (low.compareTo(close) > 0) {
      return Optional.of(LOW_LE_CLOSE);
    }
    if (volume < 0) {
      return Optional.of(VOLUME_NON_NEGATIVE);
    }
    if (adjustedClose != null
        && (adjustedClose.signum() <= 0 || adjustedClose.compareTo(MAX_PRICE) >= 0)) {
      return Optional.of(ADJ_CLOSE_POSITIVE);
    }
    return Optional.empty();
  }
}
