package io.aiinvest.datahub.adjust;

import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One bar of an adjusted series: the stored as-traded bar times the cumulative factors of every action after it.
 * Prices are rounded half-even to {@link io.aiinvest.datahub.domain.DailyBar#PRICE_SCALE} decimals and volumes to
 * whole shares; the factors are the unrounded ones that produced them.
 *
 * @param priceFactor product of the price factors of the mode's actions with ex-date after {@code date}
 * @param volumeFactor product of n/m over the splits with ex-date after {@code date}; 1 in {@link AdjustMode#NONE}
 */
public record AdjustedBar(
    Symbol symbol,
    LocalDate date,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    long volume,
    AdjustMode mode,
    BigDecimal priceFactor,
    BigDecimal volumeFactor,
    ProviderId source) {

  public AdjustedBar {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(open, "open");
    Objects.requireNonNull(high, "high");
    Objects.requireNonNull(low, "low");
    Objects.requireNonNull(close, "close");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(priceFactor, "priceFactor");
    Objects.requireNonNull(volumeFactor, "volumeFactor");
    Objects.requireNonNull(source, "source");
  }
}
