package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.MarketStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the history of many symbols once ({@link MarketStore#forEachSeries}) and shows each series to every series
 * check of a run: the checks share one ordered scan instead of querying history one after another.
 */
final class SeriesScan {
  private final MarketStore store;
  private final Clock clock;

  SeriesScan(MarketStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * What a scan found, and the last bar date it saw per symbol (for watermarks).
   */
  record Result(List<QualityFinding> findings, Map<Symbol, LocalDate> lastBarDates) {}

  Result run(List<? extends SeriesCheck> checks, List<SymbolInfo> symbols, DateRange focus) {
    int lookback = checks.stream().mapToInt(SeriesCheck::lookback).max().orElse(0);
    DateRange read = new DateRange(focus.from().map(f -> f.minusDays(calendarDays(lookback))), focus.to());
    Instant checkTime = clock.instant();
    ScanContext context = new ScanContext(checkTime, focus, read);
    List<SeriesExamination> examinations = new ArrayList<>();
    checks.forEach(c -> examinations.add(c.start(context)));
    Map<Symbol, SymbolInfo> infos = new HashMap<>();
    symbols.forEach(s -> infos.put(s.symbol(), s));
    Map<Symbol, LocalDate> last = new HashMap<>();
    store.forEachSeries(infos.keySet(), read, bars -> {
      PriceSeries series = PriceSeries.of(bars);
      if (series.size() > 0) {
        last.put(series.symbol(), series.date(series.size() - 1));
      }
      int focusStart = focus.from().map(series::indexOnOrAfter).orElse(0);
      SymbolInfo info = infos.get(series.symbol());
      for (SeriesExamination examination : examinations) {
        examination.examine(info, series, focusStart);
      }
    });
    List<QualityFinding> findings = new ArrayList<>();
    examinations.forEach(e -> findings.addAll(e.finish()));
    return new Result(findings, last);
  }

  /**
   * Calendar days that hold at least {@code sessions} sessions: 252 sessions take 365 days, so 1.5 days per session
   * plus two weeks of holidays and long closures is a safe margin.
   */
  static long calendarDays(int sessions) {
    return sessions == 0 ? 0 : (long) Math.ceil(sessions * 1.5) + 14;
  }
}
