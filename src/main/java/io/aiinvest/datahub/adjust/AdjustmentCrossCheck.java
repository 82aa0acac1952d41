package io.aiinvest.datahub.adjust;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.MarketStore;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cross-checks the hub's total-return factors against the provider's adjusted close stored with the bars (issue 4,
 * item 4): the ratio of the two must stay within {@link #TOLERANCE} of its value at the window's last bar, or the
 * disagreement becomes a data-quality finding naming the dates where it breaks.
 *
 * <p>The provider's figure is a snapshot as of its delivery, so the check is meaningful over bars delivered
 * together (one file, one fetch): bars stored from deliveries made on either side of a dividend differ by that
 * dividend's factor, which reads as a break at its ex-date.
 */
public final class AdjustmentCrossCheck {
  public static final String CHECK_TYPE = "adjustment_crosscheck";

  /** 0.05%: far above the float rounding of provider files (measured below 1e-6), far below any real dividend. */
  public static final BigDecimal TOLERANCE = new BigDecimal("0.0005");

  /** At most this many breaking dates are listed one by one in a finding; the runs always cover all of them. */
  static final int MAX_LISTED_DATES = 500;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Ten significant digits: enough to read a deviation of 1e-7 next to a tolerance of 5e-4. */
  private static final MathContext SIGNIFICANT_DIGITS = new MathContext(10);

  private final MarketStore store;
  private final Adjuster adjuster;
  private final Clock clock;

  public AdjustmentCrossCheck(MarketStore store, Clock clock) {
    this.store = store;
    this.adjuster = new Adjuster(store);
    this.clock = clock;
  }

  /** Compares the two series over the stored bars of the window; reads only. */
  public CrossCheckResult check(Symbol symbol, DateRange window) {
    List<DailyBar> bars = store.bars(symbol, window).stream().filter(b -> b.adjustedClose().isPresent()).toList();
    if (bars.isEmpty()) {
      return new CrossCheckResult(symbol, window, TOLERANCE, List.of(), Optional.empty());
    }
    List<LocalDate> dates = new ArrayList<>();
    List<BigDecimal> ratios = new ArrayList<>();
    try {
      AdjustmentFactors factors = adjuster.factors(symbol, DateRange.of(bars.get(0).date(), null));
      for (DailyBar bar : bars) {
        BigDecimal total = bar.close().multiply(factors.priceFactor(bar.date(), AdjustMode.TOTAL),
            AdjustmentFactors.MATH);
        dates.add(bar.date());
        ratios.add(total.divide(bar.adjustedClose().orElseThrow(), AdjustmentFactors.MATH));
      }
    } catch (AdjustmentException e) {
      return new CrossCheckResult(symbol, window, TOLERANCE, List.of(), Optional.of(e.getMessage()));
    }
    BigDecimal reference = ratios.get(ratios.size() - 1);
    List<CrossCheckResult.Point> points = new ArrayList<>(ratios.size());
    for (int i = 0; i < ratios.size(); i++) {
      BigDecimal deviation = ratios.get(i).divide(reference, AdjustmentFactors.MATH)
          .subtract(BigDecimal.ONE, AdjustmentFactors.MATH);
      points.add(new CrossCheckResult.Point(dates.get(i), ratios.get(i), deviation));
    }
    return new CrossCheckResult(symbol, window, TOLERANCE, points, Optional.empty());
  }

  /**
   * The finding to log when the series disagree (WARNING) or cannot be compared because a factor is missing (ERROR);
   * empty when there is nothing to report. Nothing is written.
   */
  public Optional<QualityFinding> finding(CrossCheckResult result) {
    Severity severity;
    switch (result.status()) {
      case DISAGREES -> severity = Severity.WARNING;
      case CANNOT_ADJUST -> severity = Severity.ERROR;
      default -> {
        return Optional.empty();
      }
    }
    Optional<LocalDate> first = result.points().stream().findFirst().map(CrossCheckResult.Point::date);
    Optional<LocalDate> last = result.reference().map(CrossCheckResult.Point::date);
    return Optional.of(new QualityFinding(Optional.empty(), result.symbol(), CHECK_TYPE, severity, clock.instant(),
        first.or(() -> result.window().from()), last.or(() -> result.window().to()),
        result.status() == CrossCheckResult.Status.DISAGREES ? result.breakDates().size() : 1, details(result),
        Optional.empty()));
  }

  /** Logs {@link #finding} when there is one; returns it as stored, with its id. */
  public Optional<QualityFinding> record(CrossCheckResult result) {
    return finding(result).map(f -> store.insertFindings(List.of(f)).get(0));
  }

  /** The finding's JSON: the reference, the worst deviation, the runs of breaking dates and the dates themselves. */
  static String details(CrossCheckResult result) {
    ObjectNode details = JSON.createObjectNode();
    details.put("tolerance", result.tolerance().toPlainString());
    result.problem().ifPresent(p -> details.put("error", p));
    details.put("bars_checked", result.points().size());
    result.reference().ifPresent(r -> {
      details.put("reference_date", r.date().toString());
      details.put("reference_ratio", plain(r.ratio()));
    });
    result.worst().ifPresent(w -> {
      details.put("worst_date", w.date().toString());
      details.put("worst_deviation", plain(w.deviation()));
    });
    ArrayNode runs = details.putArray("breaks");
    for (CrossCheckResult.Break run : result.breaks()) {
      ObjectNode node = runs.addObject();
      node.put("from", run.from().toString());
      node.put("to", run.to().toString());
      node.put("bars", run.bars());
      node.put("worst_date", run.worst().date().toString());
      node.put("worst_deviation", plain(run.worst().deviation()));
    }
    List<LocalDate> dates = result.breakDates();
    ArrayNode listed = details.putArray("dates");
    dates.stream().limit(MAX_LISTED_DATES).forEach(d -> listed.add(d.toString()));
    details.put("dates_truncated", dates.size() > MAX_LISTED_DATES);
    return details.toString();
  }

  private static String plain(BigDecimal value) {
    return value.round(SIGNIFICANT_DIGITS).stripTrailingZeros().toPlainString();
  }
}
