package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices in the wrong unit: a close-to-close jump within {@code tolerance} of ×100 or ×1/100 (pence against pounds,
 * cents against rands), as Yahoo delivers for some London and Johannesburg listings — a single bar (a jump and its
 * return the next session) or a stretch (a jump and its return later, or a switch that stays).
 *
 * <p>Each jump is an ERROR item on its date. Which side of a jump is in the wrong unit cannot be told from prices
 * alone (AET.L in the yfinance fixtures has its correct prices on the minority side), so the finding points at the
 * jumps and lists under {@code stretches} the runs of sessions between a jump and the jump that undoes it.
 */
public final class UnitErrorCheck implements SeriesCheck {
  public static final String NAME = "unit_100x";

  private static final double LOG_100 = Math.log(100);

  private final SeriesScan scan;
  private final double tolerance;

  UnitErrorCheck(SeriesScan scan, QualityOptions options) {
    this.scan = scan;
    this.tolerance = options.unitTolerance();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int lookback() {
    return 1;
  }

  @Override
  public SeriesScan scan() {
    return scan;
  }

  @Override
  public SeriesExamination start(ScanContext context) {
    SeriesFindings findings = new SeriesFindings(NAME, context.checkTime());
    double band = Math.log(1 + tolerance);
    return new SeriesExamination() {
      @Override
      public void examine(SymbolInfo symbol, PriceSeries series, int focusStart) {
        List<Integer> jumps = new ArrayList<>();
        for (int i = Math.max(1, focusStart); i < series.size(); i++) {
          double move = series.logReturn(i) - series.dividendReturn(i);
          if (Math.abs(Math.abs(move) - LOG_100) <= band) {
            jumps.add(i);
          }
        }
        if (jumps.isEmpty()) {
          return;
        }
        FindingDetails.Builder details = FindingDetails.builder().threshold("tolerance", tolerance);
        for (int i : jumps) {
          details.item(series.date(i), Severity.ERROR, series.logReturn(i) > 0 ? "up_100x" : "down_100x", item -> {
            item.put("previous_close", series.close(i - 1));
            item.put("close", series.close(i));
            item.put("ratio", PriceAnomalyCheck.round(Math.exp(series.logReturn(i))));
          });
        }
        details.with(root -> {
          var stretches = root.putArray("stretches");
          for (int k = 0; k + 1 < jumps.size(); k++) {
            int from = jumps.get(k);
            int to = jumps.get(k + 1);
            if (Math.signum(series.logReturn(from)) != Math.signum(series.logReturn(to))) {
              var stretch = stretches.addObject();
              stretch.put("from", series.date(from).toString());
              stretch.put("to", series.date(to - 1).toString());
              stretch.put("sessions", to - from);
              k++;
            }
          }
        });
        findings.add(series, focusStart, details);
      }

      @Override
      public List<QualityFinding> finish() {
        return findings.all();
      }
    };
  }
}
