package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Daily moves far outside a symbol's own recent behaviour: the log return of the split-adjusted close against the
 * trailing window's median, in units of a robust scale (MAD × 1.4826, so one bad bar in the window cannot widen it and
 * hide the next one). A move of at least {@code threshold} scales is an anomaly.
 *
 * <p>Moves a corporate action explains are not anomalies: splits are divided out before the return is taken, and a
 * recorded dividend's expected drop (ln(1 − D / previous close)) is subtracted from its ex-date's return (or not, when
 * the unadjusted return fits better: a quote that ignored the dividend is dividend sanity's business). A split that
 * is recorded but whose move is still in the adjusted series is left standing: the split is on the wrong date or the
 * bars were adjusted twice.
 *
 * <p>Severity: ERROR for a spike, an anomaly the next session undoes (itself beyond the threshold, in the opposite
 * direction, leaving at most {@link #REVERSAL_REMAINDER} of the move) — the signature of a bad bar; the reversal is
 * part of the same item. WARNING for a jump that stays, which real news also produces.
 */
public final class PriceAnomalyCheck implements SeriesCheck {
  public static final String NAME = "price_anomaly";

  /** At most this share of a spike's move may remain after the next session: a bad bar is undone entirely. */
  static final double REVERSAL_REMAINDER = 0.25;

  private final SeriesScan scan;
  private final int window;
  private final int minHistory;
  private final double threshold;
  private final double minScale;

  PriceAnomalyCheck(SeriesScan scan, QualityOptions options) {
    this.scan = scan;
    this.window = options.window();
    this.minHistory = options.minHistory();
    this.threshold = options.priceThreshold();
    this.minScale = options.minReturnScale();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int lookback() {
    return window + 1;
  }

  @Override
  public SeriesScan scan() {
    return scan;
  }

  /** One session's verdict. */
  private record Move(int index, double logReturn, double median, double scale, double z) {}

  @Override
  public SeriesExamination start(ScanContext context) {
    SeriesFindings findings = new SeriesFindings(NAME, context.checkTime());
    RobustWindow trailing = new RobustWindow(window);
    return new SeriesExamination() {
      @Override
      public void examine(SymbolInfo symbol, PriceSeries series, int focusStart) {
        trailing.clear();
        List<Move> anomalies = new ArrayList<>();
        for (int i = 1; i < series.size(); i++) {
          double raw = series.logReturn(i);
          double residual = raw - series.dividendReturn(i);
          if (i >= focusStart && trailing.size() >= minHistory) {
            double median = trailing.median();
            double scale = trailing.scale(minScale);
            // On an ex-date the move is explained if either the dividend's drop or no drop at all fits: a stale
            // quote that ignored the dividend is dividend sanity's finding, not an anomaly.
            double z = series.hasDividend(i) && Math.abs(raw - median) < Math.abs(residual - median)
                ? (raw - median) / scale
                : (residual - median) / scale;
            Move move = new Move(i, raw, median, scale, z);
            if (Math.abs(z) >= threshold) {
              anomalies.add(move);
            }
          }
          if (!Double.isInfinite(residual)) {
            trailing.add(residual);
          }
        }
        FindingDetails.Builder details = details();
        for (int k = 0; k < anomalies.size(); k++) {
          Move move = anomalies.get(k);
          Move next = k + 1 < anomalies.size() ? anomalies.get(k + 1) : null;
          boolean spike = next != null && next.index() == move.index() + 1
              && Math.signum(next.z()) != Math.signum(move.z())
              && Math.abs(move.logReturn() + next.logReturn()) <= REVERSAL_REMAINDER * Math.abs(move.logReturn());
          add(details, series, move, spike ? next : null);
          if (spike) {
            k++;
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

  private FindingDetails.Builder details() {
    return FindingDetails.builder().threshold("z", threshold).threshold("window", window)
        .threshold("min_history", minHistory).threshold("min_scale", minScale);
  }

  private static void add(FindingDetails.Builder details, PriceSeries series, Move move, Move reversal) {
    int i = move.index();
    details.item(series.date(i), reversal != null ? Severity.ERROR : Severity.WARNING,
        reversal != null ? "spike" : "jump", item -> {
          item.put("close", series.close(i));
          item.put("adjusted_close", series.adjustedClose(i));
          item.put("previous_adjusted_close", series.adjustedClose(i - 1));
          item.put("log_return", round(series.logReturn(i)));
          if (series.dividendReturn(i) != 0) {
            item.put("dividend_return", round(series.dividendReturn(i)));
          }
          item.put("median", round(move.median()));
          item.put("scale", round(move.scale()));
          item.put("z", round(move.z()));
          if (reversal != null) {
            item.put("reversed_on", series.date(reversal.index()).toString());
            item.put("reversal_z", round(reversal.z()));
          }
        });
  }

  static double round(double value) {
    return Math.round(value * 1e6) / 1e6;
  }
}
