package io.aiinvest.datahub.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A split or a cash dividend with its ex-date. A split n:m (numerator n new shares for denominator m old) scales
 * earlier prices by m/n; a dividend is a cash amount per share in {@code currency}.
 */
public record CorporateAction(
    Symbol symbol,
    ActionType type,
    LocalDate exDate,
    Optional<BigDecimal> splitNumerator,
    Optional<BigDecimal> splitDenominator,
    Optional<BigDecimal> dividendAmount,
    Optional<String> currency,
    ProviderId source) {

  public CorporateAction {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(exDate, "exDate");
    Objects.requireNonNull(source, "source");
    // The scales of the numeric columns: a value that round-trips through the store compares equal.
    splitNumerator = splitNumerator.map(v -> v.setScale(8, RoundingMode.HALF_EVEN));
    splitDenominator = splitDenominator.map(v -> v.setScale(8, RoundingMode.HALF_EVEN));
    dividendAmount = dividendAmount.map(v -> v.setScale(6, RoundingMode.HALF_EVEN));
    currency = currency.map(String::strip).filter(c -> !c.isEmpty());
    if (type == ActionType.SPLIT) {
      BigDecimal n = splitNumerator.orElseThrow(() -> invalid(symbol, exDate, "a split needs a numerator"));
      BigDecimal d = splitDenominator.orElseThrow(() -> invalid(symbol, exDate, "a split needs a denominator"));
      if (n.signum() <= 0 || d.signum() <= 0) {
        throw invalid(symbol, exDate, "split ratio " + n.toPlainString() + ":" + d.toPlainString() + " must be > 0");
      }
      if (n.compareTo(d) == 0) {
        throw invalid(symbol, exDate, "split ratio " + n.toPlainString() + ":" + d.toPlainString() + " is 1");
      }
      if (dividendAmount.isPresent()) {
        throw invalid(symbol, exDate, "a split carries no dividend amount");
      }
    } else {
      BigDecimal amount = dividendAmount.orElseThrow(() -> invalid(symbol, exDate, "a dividend needs an amount"));
      if (amount.signum() < 0) {
        throw invalid(symbol, exDate, "dividend " + amount.toPlainString() + " must be >= 0");
      }
      if (splitNumerator.isPresent() || splitDenominator.isPresent()) {
        throw invalid(symbol, exDate, "a dividend carries no split ratio");
      }
    }
  }

  public static CorporateAction split(
      Symbol symbol, LocalDate exDate, BigDecimal numerator, BigDecimal denominator, ProviderId source) {
    return new CorporateAction(
        symbol,
        ActionType.SPLIT,
        exDate,
        Optional.of(numerator),
        Optional.of(denominator),
        Optional.empty(),
        Optional.empty(),
        source);
  }

  public static CorporateAction dividend(
      Symbol symbol, LocalDate exDate, BigDecimal amount, Optional<String> currency, ProviderId source) {
    return new CorporateAction(
        symbol,
        ActionType.DIVIDEND,
        exDate,
        Optional.empty(),
        Optional.empty(),
        Optional.of(amount),
        currency,
        source);
  }

  /** New shares per old share (n/m) for a split; 1 for a dividend. */
  public BigDecimal splitRatio() {
    if (type != ActionType.SPLIT) {
      return BigDecimal.ONE;
    }
    return splitNumerator.orElseThrow().divide(splitDenominator.orElseThrow(), java.math.MathContext.DECIMAL64);
  }

  private static DatahubException invalid(Symbol symbol, LocalDate exDate, String reason) {
    return new DatahubException("corporate action " + symbol + " " + exDate + " refused: " + reason);
  }
}
