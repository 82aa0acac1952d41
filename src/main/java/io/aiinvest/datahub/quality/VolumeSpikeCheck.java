package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.util.List;

/**
 * Volumes far outside a symbol's recent range, and trading without volume: the log of the split-adjusted volume
 * against the trailing window's median in robust scales (MAD × 1.4826, at least {@link #MIN_SCALE}); at least
 * {@code threshold} scales above is a spike, as far below a collapse (WARNING). Sessions without volume stay out of
 * the window (the log is undefined), but a session with zero volume on which the close moved is reported (INFO)
 * where the symbol otherwise trades daily ({@link #MIN_TRADED_SHARE}): no trade cannot move a price, so either the
 * volume or the close is wrong — some vendors fill gaps with quotes this way.
 */
public final class VolumeSpikeCheck implements SeriesCheck {
  public static final String NAME = "volume_spike";

  /** Lower bound of the robust scale of log volume (about ±10%), for series whose volume hardly varies. */
  static final double MIN_SCALE = 0.1;

  /**
   * Share of the trailing window's sessions that must have volume before a session without volume is reported:
   * funds report none at all and thin listings often none, so there a missing volume says nothing.
   */
  static final double MIN_TRADED_SHARE = 0.8;

  private final SeriesScan scan;
  private final int window;
  private final int minHistory;
  private final double threshold;

  VolumeSpikeCheck(SeriesScan scan, QualityOptions options) {
    this.scan = scan;
    this.window = options.window();
    this.minHistory = options.minHistory();
    this.threshold = options.volumeThreshold();
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

  @Override
  public SeriesExamination start(ScanContext context) {
    SeriesFindings findings = new SeriesFindings(NAME, context.checkTime());
    RobustWindow trailing = new RobustWindow(window);
    return new SeriesExamination() {
      @Override
      public void examine(SymbolInfo symbol, PriceSeries series, int focusStart) {
        trailing.clear();
        FindingDetails.Builder details = FindingDetails.builder().threshold("z", threshold)
            .threshold("window", window).threshold("min_history", minHistory).threshold("min_scale", MIN_SCALE);
        int traded = 0;
        for (int i = 0; i < series.size(); i++) {
          if (i > window && series.volume(i - window - 1) > 0) {
            traded--;
          }
          double volume = series.adjustedVolume(i);
          if (volume <= 0) {
            int sessions = Math.min(i, window);
            if (i >= focusStart && i > 0 && sessions >= minHistory && traded >= MIN_TRADED_SHARE * sessions
                && series.adjustedClose(i) != series.adjustedClose(i - 1)) {
              int at = i;
              details.item(series.date(i), Severity.INFO, "zero_volume_move", item -> {
                item.put("close", series.close(at));
                item.put("previous_adjusted_close", series.adjustedClose(at - 1));
                item.put("adjusted_close", series.adjustedClose(at));
              });
            }
            continue;
          }
          traded++;
          double logVolume = Math.log(volume);
          if (i >= focusStart && trailing.size() >= minHistory) {
            double median = trailing.median();
            double scale = Math.max(RobustWindow.MAD_TO_SIGMA * trailing.mad(), MIN_SCALE);
            double z = (logVolume - median) / scale;
            if (Math.abs(z) >= threshold) {
              int at = i;
              details.item(series.date(i), Severity.WARNING, z > 0 ? "spike" : "collapse", item -> {
                item.put("volume", series.volume(at));
                item.put("adjusted_volume", Math.round(volume));
                item.put("median_volume", Math.round(Math.exp(median)));
                item.put("z", PriceAnomalyCheck.round(z));
              });
            }
          }
          trailing.add(logVolume);
        }
        findings.add(series, focusStart, details);
      }

      @Override
      public List<QualityFinding> finish() {
        return findings.all();
      }
    };
  }
}
