package io.aiinvest.datahub.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One session's bar for one symbol, as traded (ARCHITECTURE.md, "Canonical price representation"). Prices carry
 * {@link #PRICE_SCALE} decimals, the scale of the {@code numeric} columns, so a value compares equal before and after
 * a round trip through the store. A bar that breaks a {@link BarRule} cannot be constructed.
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
    open = scale(Objects.requireNonNull(open, "open"));
    high = scale(Objects.requireNonNull(high, "high"));
    low = scale(Objects.requireNonNull(low, "low"));
    close = scale(Objects.requireNonNull(close, "close"));
    adjustedClose = Objects.requireNonNull(adjustedClose, "adjustedClose").map(DailyBar::scale);
    Optional<BarRule> broken =
        BarRule.firstBroken(date, open, high, low, close, volume, adjustedClose.orElse(null));
    if (broken.isPresent()) {
      throw new InvalidBarException(symbol, date, broken.get());
    }
  }

  public static BigDecimal scale(BigDecimal price) {
    return price.setScale(PRICE_SCALE, RoundingMode.HALF_EVEN);
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
