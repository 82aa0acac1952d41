package io.aiinvest.datahub.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One session's bar for one symbol, as traded (ARCHITECTURE.md, "Canonical price representation"). The store keeps
 * {@link #PRICE_SCALE} decimals, the scale of the {@code numeric} columns: {@link #atPriceScale()} rounds to them, and
 * a bar at that scale compares equal before and after a round trip through the store. A bar as a provider delivered
 * it keeps every further digit it was given (padded to at least {@link #PRICE_SCALE}), because a split-adjusted price
 * must be multiplied back to as traded before it is rounded: 75.0875015258789 × 4 is 300.350006 as traded, the
 * rounded 75.087502 × 4 would be 300.350008. A bar that breaks a {@link BarRule} cannot be constructed.
 *
 * @param adjustedClose the provider's own adjusted close as delivered at ingest, kept only to cross-check the hub's
 *     adjustments; never served as an adjusted price
 */
public record DailyBar(
    Symbol symbol,
    LocalDate date,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    long volume,
    Optional<BigDecimal> adjustedClose,
    ProviderId source) {

  public static final int PRICE_SCALE = 6;

  public DailyBar {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(source, "source");
    open = padded(Objects.requireNonNull(open, "open"));
    high = padded(Objects.requireNonNull(high, "high"));
    low = padded(Objects.requireNonNull(low, "low"));
    close = padded(Objects.requireNonNull(close, "close"));
    adjustedClose = Objects.requireNonNull(adjustedClose, "adjustedClose").map(DailyBar::padded);
    Optional<BarRule> broken =
        BarRule.firstBroken(date, open, high, low, close, volume, adjustedClose.orElse(null));
    if (broken.isPresent()) {
      throw new InvalidBarException(symbol, date, broken.get());
    }
  }

  /** The price rounded half-even to {@link #PRICE_SCALE} decimals, as the store keeps it. */
  public static BigDecimal scale(BigDecimal price) {
    return price.setScale(PRICE_SCALE, RoundingMode.HALF_EVEN);
  }

  private static BigDecimal padded(BigDecimal price) {
    return price.scale() < PRICE_SCALE ? price.setScale(PRICE_SCALE) : price;
  }

  /**
   * This bar with prices rounded half-even to {@link #PRICE_SCALE} decimals, as stored; itself when already there.
   * Throws {@link InvalidBarException} when rounding breaks a rule (a price that rounds to zero).
   */
  public DailyBar atPriceScale() {
    boolean stored = open.scale() == PRICE_SCALE && high.scale() == PRICE_SCALE && low.scale() == PRICE_SCALE
        && close.scale() == PRICE_SCALE && adjustedClose.map(a -> a.scale() == PRICE_SCALE).orElse(true);
    if (stored) {
      return this;
    }
    return new DailyBar(symbol, date, scale(open), scale(high), scale(low), scale(close), volume,
        adjustedClose.map(DailyBar::scale), source);
  }

  /**
   * True when both bars carry the same prices, volume and provider adjusted close; source and ingest time are not
   * part of a bar's value.
   */
  public boolean sameValues(DailyBar other) {
    return open.compareTo(other.open) == 0
        && high.compareTo(other.high) == 0
        && low.compareTo(other.low) == 0
        && close.compareTo(other.close) == 0
        && volume == other.volume
        && adjustedClose.equals(other.adjustedClose);
  }
}
