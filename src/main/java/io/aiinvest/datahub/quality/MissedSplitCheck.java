package io.aiinvest.datahub.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A split the adjusted series does not account for: a close-to-close ratio within {@code tolerance} of a common split
 * ratio ({@link #COMMON_RATIOS} or their inverses) or of one of the symbol's recorded splits (recorded, but on another
 * date or applied twice). ERROR, one item per jump, of one of two kinds:
 * <ul>
 *   <li>{@code forward} / {@code reverse}: a level shift — the median closes of the {@link #LEVEL_SESSIONS} sessions
 *       on either side differ by the same ratio — where volume moves the opposite way, as it does when the share
 *       count changes: the median split-adjusted volume of the {@link #VOLUME_SESSIONS} sessions from the jump on,
 *       against as many before, moves by at least the square root of the ratio against the price. A price halving on
 *       news with a one-day volume surge passes the ratio test but rarely the medians of two weeks;</li>
 *   <li>{@code single_bar}: one bar off by a split ratio that the next session undoes by the same ratio — a split
 *       applied to the wrong bar. Its volume is not judged (it is often missing or scaled by the same mistake).</li>
 * </ul>
 */
public final class MissedSplitCheck implements SeriesCheck {
  public static final String NAME = "missed_split";

  /** The split ratios companies use most (n new shares per old), from Yahoo's split history. */
  static final List<Double> COMMON_RATIOS = List.of(2.0, 3.0, 4.0, 5.0, 8.0, 10.0, 15.0, 20.0);

  /** Sessions on each side of a jump whose median volumes are compared. */
  static final int VOLUME_SESSIONS = 10;

  /** Sessions on each side of a jump whose median closes must differ by the split ratio too. */
  static final int LEVEL_SESSIONS = 5;

  private final SeriesScan scan;
  private final double tolerance;

  MissedSplitCheck(SeriesScan scan, QualityOptions options) {
    this.scan = scan;
    this.tolerance = options.splitTolerance();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int lookback() {
    return VOLUME_SESSIONS + 1;
  }

  @Override
  public SeriesScan scan() {
    return scan;
  }

  @Override
  public SeriesExamination start(ScanContext context) {
    SeriesFindings findings = new SeriesFindings(NAME, context.checkTime());
    return new SeriesExamination() {
      @Override
      public void examine(SymbolInfo symbol, PriceSeries series, int focusStart) {
        FindingDetails.Builder details = FindingDetails.builder().threshold("tolerance", tolerance)
            .threshold("volume_sessions", VOLUME_SESSIONS);
        List<Double> candidates = new ArrayList<>(COMMON_RATIOS);
        for (double recorded : series.recordedSplitRatios()) {
          candidates.add(recorded >= 1 ? recorded : 1 / recorded);
        }
        for (int i = Math.max(1, focusStart); i < series.size(); i++) {
          double fall = fall(series, i);
          double ratio = nearest(magnitude(fall), candidates);
          if (Double.isNaN(ratio)) {
            continue;
          }
          if (i + 1 < series.size()) {
            double back = fall(series, i + 1);
            if ((back >= 1) != (fall >= 1) && Math.abs(magnitude(back) / ratio - 1) <= tolerance) {
              int next = i + 1;
              add(details, series, i, fall, ratio, "single_bar", item -> {
                item.put("reversed_on", series.date(next).toString());
                item.put("next_adjusted_close", series.adjustedClose(next));
              });
              i++;
              continue;
            }
          }
          double level = median(series, Math.max(0, i - LEVEL_SESSIONS), i, true)
              / median(series, i, Math.min(series.size(), i + LEVEL_SESSIONS), true);
          if ((level >= 1) != (fall >= 1) || Math.abs(magnitude(level) / ratio - 1) > tolerance) {
            continue;
          }
          double before = median(series, Math.max(0, i - VOLUME_SESSIONS), i, false);
          double after = median(series, i, Math.min(series.size(), i + VOLUME_SESSIONS), false);
          if (!(before > 0 && after > 0)) {
            continue;
          }
          double volumeRise = after / before;
          boolean opposite = fall >= 1 ? volumeRise >= Math.sqrt(ratio) : volumeRise <= 1 / Math.sqrt(ratio);
          if (opposite) {
            add(details, series, i, fall, ratio, fall >= 1 ? "forward" : "reverse",
                item -> item.put("volume_ratio", PriceAnomalyCheck.round(volumeRise)));
          }
        }
        findings.add(series, focusStart, details);
      }

      @Override
      public List<QualityFinding> finish() {
        return findings.all();
      }
    };
  }

  /** The candidate ratio within tolerance of {@code ratio}, the closest one; NaN when none is. */
  private double nearest(double ratio, List<Double> candidates) {
    double best = Double.NaN;
    double bestDistance = tolerance;
    for (double candidate : candidates) {
      double distance = Math.abs(ratio / candidate - 1);
      if (distance <= bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /**
   * How many times the adjusted close fell into bar i, beyond what a recorded dividend explains: 2 for a missed 2:1
   * split, 0.5 for a missed 1:2 reverse split.
   */
  private static double fall(PriceSeries series, int i) {
    return Math.exp(series.dividendReturn(i) - series.logReturn(i));
  }

  private static double magnitude(double ratio) {
    return ratio >= 1 ? ratio : 1 / ratio;
  }

  private static void add(FindingDetails.Builder details, PriceSeries series, int i, double fall, double ratio,
      String kind, Consumer<ObjectNode> extra) {
    details.item(series.date(i), Severity.ERROR, kind, item -> {
      item.put("previous_adjusted_close", series.adjustedClose(i - 1));
      item.put("adjusted_close", series.adjustedClose(i));
      item.put("price_ratio", PriceAnomalyCheck.round(fall));
      item.put("split", fall >= 1 ? label(ratio) + ":1" : "1:" + label(ratio));
      item.put("split_recorded_on_date", series.hasSplit(i));
      extra.accept(item);
    });
  }

  /** Median of the adjusted closes (or volumes) of bars [from, to); NaN when there are none. */
  private static double median(PriceSeries series, int from, int to, boolean closes) {
    if (to - from < 1) {
      return Double.NaN;
    }
    double[] values = new double[to - from];
    for (int i = from; i < to; i++) {
      values[i - from] = closes ? series.adjustedClose(i) : series.adjustedVolume(i);
    }
    Arrays.sort(values);
    int half = values.length / 2;
    return values.length % 2 == 1 ? values[half] : (values[half - 1] + values[half]) / 2;
  }

  private static String label(double ratio) {
    return ratio == Math.rint(ratio) ? Long.toString((long) ratio) : Double.toString(PriceAnomalyCheck.round(ratio));
  }
}
