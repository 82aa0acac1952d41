package io.aiinvest.datahub.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Recorded dividends the prices do not bear out. Amounts and closes are compared in the same (split-adjusted) shares.
 * <ul>
 *   <li>{@code too_large}: above {@code maxFraction} of the previous close (ERROR at or above the whole close,
 *       WARNING below) — typically an amount in the wrong unit (pence read as pounds: 100× too big) or per the wrong
 *       share class;</li>
 *   <li>{@code no_drop}: the ex-date return kept less than half of the expected drop ln(1 − D / previous close) and
 *       fell short of it by more than {@code dropZ} robust scales of the symbol's trailing returns (WARNING), so a
 *       small dividend lost in daily noise is never judged;</li>
 *   <li>{@code duplicate}: two dividends at most {@code duplicateSessions} sessions apart — a vendor repeating one
 *       payment under two ex-dates; the one whose ex-date return matches its drop worse is reported (WARNING).</li>
 * </ul>
 */
public final class DividendSanityCheck implements SeriesCheck {
  public static final String NAME = "dividend_sanity";

  private final SeriesScan scan;
  private final int window;
  private final int minHistory;
  private final double minScale;
  private final double maxFraction;
  private final double dropZ;
  private final int duplicateSessions;

  DividendSanityCheck(SeriesScan scan, QualityOptions options) {
    this.scan = scan;
    this.window = options.window();
    this.minHistory = options.minHistory();
    this.minScale = options.minReturnScale();
    this.maxFraction = options.dividendMaxFraction();
    this.dropZ = options.dividendDropZ();
    this.duplicateSessions = options.dividendDuplicateSessions();
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

  /** How one dividend compares with its ex-date's move. */
  private record Verdict(PriceSeries.Dividend dividend, double fraction, double expected, double actual,
      double scale, double shortfallZ) {}

  @Override
  public SeriesExamination start(ScanContext context) {
    SeriesFindings findings = new SeriesFindings(NAME, context.checkTime());
    RobustWindow trailing = new RobustWindow(window);
    return new SeriesExamination() {
      @Override
      public void examine(SymbolInfo symbol, PriceSeries series, int focusStart) {
        List<PriceSeries.Dividend> dividends = series.dividends();
        if (dividends.isEmpty()) {
          return;
        }
        FindingDetails.Builder details = FindingDetails.builder().threshold("max_fraction", maxFraction)
            .threshold("drop_z", dropZ).threshold("duplicate_sessions", duplicateSessions)
            .threshold("window", window).threshold("min_history", minHistory);
        Map<Integer, Verdict> verdicts = new HashMap<>();
        for (PriceSeries.Dividend dividend : dividends) {
          if (dividend.index() >= 1) {
            verdicts.put(dividend.index(), verdict(series, dividend, trailing));
          }
        }
        for (Verdict v : verdicts.values()) {
          if (v.dividend().index() < focusStart) {
            continue;
          }
          if (v.fraction() > maxFraction) {
            add(details, series, v, v.fraction() >= 1 ? Severity.ERROR : Severity.WARNING, "too_large");
          } else if (v.actual() > v.expected() / 2 && v.shortfallZ() > dropZ) {
            add(details, series, v, Severity.WARNING, "no_drop");
          }
        }
        for (int k = 1; k < dividends.size(); k++) {
          Verdict first = verdicts.get(dividends.get(k - 1).index());
          Verdict second = verdicts.get(dividends.get(k).index());
          if (first == null || second == null
              || second.dividend().index() - first.dividend().index() > duplicateSessions) {
            continue;
          }
          Verdict worse = Double.compare(second.shortfallZ(), first.shortfallZ()) >= 0 ? second : first;
          if (worse.dividend().index() >= focusStart) {
            Verdict other = worse == second ? first : second;
            add(details, series, worse, Severity.WARNING, "duplicate",
                item -> item.put("other_ex_date", series.date(other.dividend().index()).toString()));
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

  private Verdict verdict(PriceSeries series, PriceSeries.Dividend dividend, RobustWindow trailing) {
    int i = dividend.index();
    double fraction = dividend.adjustedAmount() / series.adjustedClose(i - 1);
    double expected = fraction < 1 ? Math.log(1 - fraction) : Double.NEGATIVE_INFINITY;
    double actual = series.logReturn(i);
    trailing.clear();
    for (int k = Math.max(1, i - window); k < i; k++) {
      trailing.add(series.logReturn(k) - series.dividendReturn(k));
    }
    double scale = trailing.size() >= minHistory ? trailing.scale(minScale) : Double.NaN;
    double shortfallZ = Double.isNaN(scale) || Double.isInfinite(expected) ? Double.NaN : (actual - expected) / scale;
    return new Verdict(dividend, fraction, expected, actual, scale, shortfallZ);
  }

  private static void add(FindingDetails.Builder details, PriceSeries series, Verdict v, Severity severity,
      String kind) {
    add(details, series, v, severity, kind, item -> {});
  }

  private static void add(FindingDetails.Builder details, PriceSeries series, Verdict v, Severity severity,
      String kind, Consumer<ObjectNode> extra) {
    int i = v.dividend().index();
    details.item(series.date(i), severity, kind, item -> {
      item.put("dividend", v.dividend().amount());
      item.put("previous_adjusted_close", series.adjustedClose(i - 1));
      item.put("fraction_of_close", PriceAnomalyCheck.round(v.fraction()));
      if (!Double.isInfinite(v.expected())) {
        item.put("expected_log_return", PriceAnomalyCheck.round(v.expected()));
      }
      item.put("log_return", PriceAnomalyCheck.round(v.actual()));
      if (!Double.isNaN(v.shortfallZ())) {
        item.put("shortfall_z", PriceAnomalyCheck.round(v.shortfallZ()));
      }
      extra.accept(item);
    });
  }
}
