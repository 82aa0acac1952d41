package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A split the adjusted series does not account for: a close-to-close ratio within {@code tolerance} of a common split
 * ratio ({@link #COMMON_RATIOS} or their inverses) or of one of the symbol's recorded splits (recorded, but on another
 * date or applied twice), where volume moves the opposite way, as it does when the share count changes: the median
 * split-adjusted volume of the {@link #VOLUME_SESSIONS} sessions from the jump on, against the same many before, must
 * move by at least the square root of the ratio against the price. A price halving on news with a one-day volume surge
 * passes the ratio test but rarely the median of two weeks. ERROR, one item per jump.
 */
public final class MissedSplitCheck implements SeriesCheck {
  public static final String NAME = "missed_split";

  /** The split ratios companies use most (n new shares per old), from Yahoo's split history. */
  static final List<Double> COMMON_RATIOS = List.of(2.0, 3.0, 4.0, 5.0, 8.0, 10.0, 15.0, 20.0);

  /** Sessions on each side of a jump whose median volumes are compared. */
  static final int VOLUME_SESSIONS = 10;

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
          // How many times the price fell, beyond what a recorded dividend explains: 2 for a missed 2:1 split, 0.5
          // for a missed 1:2 reverse split.
          double fall = Math.exp(series.dividendReturn(i) - series.logReturn(i));
          double ratio = nearest(fall >= 1 ? fall : 1 / fall, candidates);
          if (Double.isNaN(ratio) || Double.isInfinite(fall)) {
            continue;
          }
          double before = medianVolume(series, Math.max(0, i - VOLUME_SESSIONS), i);
          double after = medianVolume(series, i, Math.min(series.size(), i + VOLUME_SESSIONS));
          if (!(before > 0 && after > 0)) {
            continue;
          }
          double volumeRise = after / before;
          boolean opposite = fall >= 1 ? volumeRise >= Math.sqrt(ratio) : volumeRise <= 1 / Math.sqrt(ratio);
          if (!opposite) {
            continue;
          }
          int at = i;
          details.item(series.date(i), Severity.ERROR, fall >= 1 ? "forward" : "reverse", item -> {
            item.put("previous_adjusted_close", series.adjustedClose(at - 1));
            item.put("adjusted_close", series.adjustedClose(at));
            item.put("price_ratio", PriceAnomalyCheck.round(fall));
            item.put("split", fall >= 1 ? label(ratio) + ":1" : "1:" + label(ratio));
            item.put("volume_ratio", PriceAnomalyCheck.round(volumeRise));
            item.put("split_recorded_on_date", series.hasSplit(at));
          });
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

  private static double medianVolume(PriceSeries series, int from, int to) {
    if (to - from < 1) {
      return Double.NaN;
    }
    double[] volumes = new double[to - from];
    for (int i = from; i < to; i++) {
      volumes[i - from] = series.adjustedVolume(i);
    }
    Arrays.sort(volumes);
    int half = volumes.length / 2;
    return volumes.length % 2 == 1 ? volumes[half] : (volumes[half - 1] + volumes[half]) / 2;
  }

  private static String label(double ratio) {
    return ratio == Math.rint(ratio) ? Long.toString((long) ratio) : Double.toString(PriceAnomalyCheck.round(ratio));
  }
}
