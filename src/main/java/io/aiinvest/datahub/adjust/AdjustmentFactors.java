package io.aiinvest.datahub.adjust;

import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.Symbol;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cumulative adjustment factors of one symbol, derived from its corporate actions: the factor of a bar dated d is
 * the product of the factors of every action with ex-date after d, so the latest bar is never adjusted and each
 * action scales all history before it (docs/adjustments.md).
 *
 * <p>Arithmetic is exact {@link BigDecimal} rounded to {@link #MATH} (34 significant digits, half-even) at each
 * division and product; only the final prices are rounded, to 6 decimals. A split and a dividend sharing an ex-date
 * are taken split first: the dividend is cash per post-split share, measured against the previous close restated in
 * post-split shares, {@code close(t−1) × m/n}.
 */
public final class AdjustmentFactors {
  /** Precision of every intermediate factor: IEEE 754 decimal128, far beyond the 6 decimals prices are shown with. */
  public static final MathContext MATH = MathContext.DECIMAL128;

  /**
   * How far before a dividend's ex-date its previous stored bar may lie and still stand for close(t−1). Two weeks
   * span every regular market closure (Lunar New Year closes some exchanges for up to 11 days); a longer gap means
   * the hub is missing bars and the factor would rest on a stale close.
   */
  public static final int MAX_PREVIOUS_BAR_AGE_DAYS = 14;

  private final Symbol symbol;
  private final List<ActionFactor> actions;
  private final LocalDate[] exDates;
  private final Map<AdjustMode, Cumulative> cumulative = new HashMap<>();

  /** Suffix products over {@link #actions}: index i holds the product of the factors at positions i and later. */
  private record Cumulative(BigDecimal[] price, BigDecimal[] volume, int[] firstProblem) {}

  private AdjustmentFactors(Symbol symbol, List<ActionFactor> actions) {
    this.symbol = symbol;
    this.actions = List.copyOf(actions);
    this.exDates = actions.stream().map(f -> f.action().exDate()).toArray(LocalDate[]::new);
    for (AdjustMode mode : AdjustMode.values()) {
      cumulative.put(mode, cumulate(mode));
    }
  }

  /**
   * Factors from a symbol's actions and, for each dividend's ex-date, the latest stored bar before it (as
   * {@code MarketStore.previousBars} answers); a dividend whose date is missing from {@code previousBars} has no
   * stored bar before it.
   */
  public static AdjustmentFactors of(
      Symbol symbol, List<CorporateAction> actions, Map<LocalDate, DailyBar> previousBars) {
    Map<LocalDate, BigDecimal> splitRatios = new HashMap<>();
    for (CorporateAction action : actions) {
      if (!action.symbol().equals(symbol)) {
        throw new IllegalArgumentException("action of " + action.symbol() + " among the actions of " + symbol);
      }
      if (action.type() == ActionType.SPLIT) {
        splitRatios.put(action.exDate(), action.splitRatio());
      }
    }
    List<ActionFactor> factors = new ArrayList<>();
    for (CorporateAction action : actions) {
      factors.add(action.type() == ActionType.SPLIT
          ? splitFactor(action)
          : dividendFactor(action, Optional.ofNullable(previousBars.get(action.exDate())),
              Optional.ofNullable(splitRatios.get(action.exDate()))));
    }
    // Oldest first; on a shared ex-date the split comes first, the order the dividend factor assumes.
    factors.sort(Comparator.comparing((ActionFactor f) -> f.action().exDate())
        .thenComparing(f -> f.action().type()));
    return new AdjustmentFactors(symbol, factors);
  }

  private static ActionFactor splitFactor(CorporateAction split) {
    BigDecimal n = split.splitNumerator().orElseThrow();
    BigDecimal m = split.splitDenominator().orElseThrow();
    return new ActionFactor(split, Optional.empty(), Optional.of(m.divide(n, MATH)), n.divide(m, MATH),
        Optional.empty());
  }

  private static ActionFactor dividendFactor(
      CorporateAction dividend, Optional<DailyBar> previous, Optional<BigDecimal> sameDaySplitRatio) {
    LocalDate exDate = dividend.exDate();
    BigDecimal amount = dividend.dividendAmount().orElseThrow();
    String what = "dividend " + amount.stripTrailingZeros().toPlainString() + " ex " + exDate;
    if (previous.isEmpty()) {
      return problem(dividend, previous, what + " has no stored bar before it to take close(t-1) from");
    }
    DailyBar bar = previous.get();
    long age = ChronoUnit.DAYS.between(bar.date(), exDate);
    if (age > MAX_PREVIOUS_BAR_AGE_DAYS) {
      return problem(dividend, previous, what + ": the latest stored bar before it is " + bar.date() + ", " + age
          + " days earlier, so close(t-1) is missing; ingest the bars up to " + exDate.minusDays(1) + " first");
    }
    BigDecimal previousClose = sameDaySplitRatio.map(r -> bar.close().divide(r, MATH)).orElse(bar.close());
    BigDecimal factor = BigDecimal.ONE.subtract(amount.divide(previousClose, MATH), MATH);
    if (factor.signum() <= 0) {
      return problem(dividend, previous, what + " is not below the previous close " + previousClose
          .round(MATH).stripTrailingZeros().toPlainString() + " (" + bar.date() + ")");
    }
    return new ActionFactor(dividend, previous, Optional.of(factor), BigDecimal.ONE, Optional.empty());
  }

  private static ActionFactor problem(CorporateAction action, Optional<DailyBar> previous, String problem) {
    return new ActionFactor(action, previous, Optional.empty(), BigDecimal.ONE, Optional.of(problem));
  }

  private Cumulative cumulate(AdjustMode mode) {
    int size = actions.size();
    BigDecimal[] price = new BigDecimal[size + 1];
    BigDecimal[] volume = new BigDecimal[size + 1];
    int[] firstProblem = new int[size + 1];
    price[size] = BigDecimal.ONE;
    volume[size] = BigDecimal.ONE;
    firstProblem[size] = -1;
    for (int i = size - 1; i >= 0; i--) {
      ActionFactor factor = actions.get(i);
      boolean applies = factor.appliesIn(mode);
      boolean broken = applies && factor.priceFactor().isEmpty();
      firstProblem[i] = broken ? i : firstProblem[i + 1];
      price[i] = applies && !broken ? factor.priceFactor().get().multiply(price[i + 1], MATH) : price[i + 1];
      volume[i] = applies ? factor.volumeFactor().multiply(volume[i + 1], MATH) : volume[i + 1];
    }
    return new Cumulative(price, volume, firstProblem);
  }

  public Symbol symbol() {
    return symbol;
  }

  /** Every action's own factor, oldest ex-date first (on a shared ex-date the split first). */
  public List<ActionFactor> actions() {
    return actions;
  }

  /**
   * The product of the price factors of the mode's actions with ex-date after {@code date}; throws
   * {@link AdjustmentException} when one of them cannot be computed.
   */
  public BigDecimal priceFactor(LocalDate date, AdjustMode mode) {
    int first = firstAfter(date);
    Cumulative c = cumulative.get(mode);
    if (c.firstProblem()[first] >= 0) {
      actions.get(c.firstProblem()[first]).getPriceFactor();
    }
    return c.price()[first];
  }

  /** The product of n/m over the splits with ex-date after {@code date} (1 in {@link AdjustMode#NONE}). */
  public BigDecimal volumeFactor(LocalDate date, AdjustMode mode) {
    return cumulative.get(mode).volume()[firstAfter(date)];
  }

  /** The stored bar adjusted in {@code mode}: prices rounded half-even to 6 decimals, volume to whole shares. */
  public AdjustedBar apply(DailyBar bar, AdjustMode mode) {
    if (!bar.symbol().equals(symbol)) {
      throw new IllegalArgumentException("bar of " + bar.symbol() + " adjusted with the factors of " + symbol);
    }
    BigDecimal price = priceFactor(bar.date(), mode);
    BigDecimal volume = volumeFactor(bar.date(), mode);
    return new AdjustedBar(
        bar.symbol(),
        bar.date(),
        scaled(bar.open(), price),
        scaled(bar.high(), price),
        scaled(bar.low(), price),
        scaled(bar.close(), price),
        BigDecimal.valueOf(bar.volume()).multiply(volume, MATH).setScale(0, RoundingMode.HALF_EVEN).longValueExact(),
        mode,
        price,
        volume,
        bar.source());
  }

  private static BigDecimal scaled(BigDecimal asTraded, BigDecimal factor) {
    return asTraded.multiply(factor, MATH).setScale(DailyBar.PRICE_SCALE, RoundingMode.HALF_EVEN);
  }

  /** Index of the first action whose ex-date is after {@code date}; {@code actions.size()} when there is none. */
  private int firstAfter(LocalDate date) {
    int low = 0;
    int high = exDates.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (exDates[mid].isAfter(date)) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }
}
