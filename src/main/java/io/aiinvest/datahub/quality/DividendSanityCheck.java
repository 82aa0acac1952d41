package io.aiinvest.datahub.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
 *   <li>{@code duplicate}: two dividends whose ex-dates are at most {@code duplicateSessions} weekdays apart — a
 *       vendor repeating one payment under two ex-dates; the one whose ex-date return shows less of its drop is
 *       reported (WARNING).</li>
 * </ul>
 * Items are dated on the dividend's ex-date; a dividend whose ex-date has no bar is judged on the next bar.
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

  /**
   * How one dividend compares with its ex-date's move: its share of the previous close, the return the bar's
   * dividends explain, the return that happened, and the shortfall in robust scales (NaN without enough history).
   */
  private record Verdict(PriceSeries.Dividend dividend, double fraction, double expected, double actual,
      double shortfallZ) {
    double shortfall() {
      return actual - expected;
    }
  }

  @Override
  public SeriesExamination start(ScanContext context) {
    SeriesFindings findings = new SeriesFindings(NAME, context.checkTime());
    RobustWindow trailing = new RobustWindow(window);
    return new SeriesExamination() {
      @Override
      public void examine(SymbolInfo symbol, PriceSeries series, int focusStart) {
        List<Verdict> verdicts = new ArrayList<>();
        for (PriceSeries.Dividend dividend : series.dividends()) {
          if (dividend.index() >= 1) {
            verdicts.add(verdict(series, dividend, trailing));
          }
        }
        if (verdicts.isEmpty()) {
          return;
        }
        FindingDetails.Builder details = FindingDetails.builder().threshold("max_fraction", maxFraction)
            .threshold("drop_z", dropZ).threshold("duplicate_sessions", duplicateSessions)
            .threshold("window", window).threshold("min_history", minHistory);
        for (Verdict v : verdicts) {
          if (v.dividend().index() < focusStart) {
            continue;
          }
          if (v.fraction() > maxFraction) {
            add(details, series, v, v.fraction() >= 1 ? Severity.ERROR : Severity.WARNING, "too_large", item -> {});
          } else if (v.actual() > v.expected() / 2 && v.shortfallZ() > dropZ) {
            add(details, series, v, Severity.WARNING, "no_drop", item -> {});
          }
        }
        for (int k = 1; k < verdicts.size(); k++) {
          Verdict first = verdicts.get(k - 1);
          Verdict second = verdicts.get(k);
          if (weekdaysBetween(first.dividend().exDate(), second.dividend().exDate()) > duplicateSessions) {
            continue;
          }
          // The one whose ex-date return shows less of its drop is the copy.
          Verdict copy = second.shortfall() >= first.shortfall() ? second : first;
          Verdict original = copy == second ? first : second;
          if (copy.dividend().index() >= focusStart) {
            add(details, series, copy, Severity.WARNING, "duplicate",
                item -> item.put("other_ex_date", original.dividend().exDate().toString()));
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
    double expected = series.dividendReturn(i);
    double actual = series.logReturn(i);
    trailing.clear();
    for (int k = Math.max(1, i - window); k < i; k++) {
      trailing.add(series.logReturn(k) - series.dividendReturn(k));
    }
    double scale = trailing.size() >= minHistory ? trailing.scale(minScale) : Double.NaN;
    double shortfallZ = Double.isNaN(scale) || Double.isInfinite(expected) ? Double.NaN : (actual - expected) / scale;
    return new Verdict(dividend, fraction, expected, actual, shortfallZ);
  }

  /** Weekdays after {@code from} up to and including {@code to}: sessions apart, holidays aside. */
  static long weekdaysBetween(LocalDate from, LocalDate to) {
    long days = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      if (d.getDayOfWeek().getValue() < 6) {
        days++;
      }
    }
    return days;
  }

  private static void add(FindingDetails.Builder details, PriceSeries series, Verdict v, Severity severity,
      String kind, Consumer<ObjectNode> extra) {
    int i = v.dividend().index();
    details.item(v.dividend().exDate(), severity, kind, item -> {
      item.put("bar_date", series.date(i).toString());
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
