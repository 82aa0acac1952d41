package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.util.List;

/**
 * A series that stopped updating: at least {@code sessions} consecutive sessions whose close equals the previous
 * close and whose volume is zero — a vendor repeating its last value for a halted, delisted or unmapped instrument.
 * One WARNING item per run of such sessions, dated on its first session, with its last session and length.
 */
public final class StaleSeriesCheck implements SeriesCheck {
  public static final String NAME = "stale_series";

  private final SeriesScan scan;
  private final int sessions;

  StaleSeriesCheck(SeriesScan scan, QualityOptions options) {
    this.scan = scan;
    this.sessions = options.staleSessions();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int lookback() {
    return sessions;
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
        FindingDetails.Builder details = FindingDetails.builder().threshold("sessions", sessions);
        int runStart = -1;
        for (int i = 1; i <= series.size(); i++) {
          boolean stale = i < series.size() && series.volume(i) == 0 && series.close(i) == series.close(i - 1);
          if (stale && runStart < 0) {
            runStart = i;
          } else if (!stale && runStart >= 0) {
            int first = runStart;
            int last = i - 1;
            if (last - first + 1 >= sessions && last >= focusStart) {
              details.item(series.date(first), Severity.WARNING, "unchanged_without_volume", item -> {
                item.put("to", series.date(last).toString());
                item.put("sessions", last - first + 1);
                item.put("close", series.close(first));
              });
            }
            runStart = -1;
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
}
