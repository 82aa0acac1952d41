package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.QualityWatermark;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data-quality suite's entry point: runs the selected checks over symbols, logs the findings and returns them as
 * they stand.
 *
 * <p>Incremental by default: each check remembers per symbol the last session it examined (a watermark), and a run
 * examines the sessions from that one on (it is examined again because a spike is only recognisable once the next
 * session reverses it), reading the checks' trailing window before it as context. Findings in older history stay
 * as logged, unless a write stored bars there: ingest and repair then lower the symbol's watermarks so the next run
 * examines them ({@code ingest.QualityRecheck}). {@code full} examines all history; an explicit range examines that
 * range and moves no watermark past it. Completeness always compares the whole expected window with the calendar: it
 * reads dates only, and a hole repaired in old history must be seen to be resolved.
 */
public final class QualityService {
  private final MarketStore store;
  private final SymbolSessions sessions;
  private final Clock clock;

  public QualityService(MarketStore store, CalendarRegistry calendars, Clock clock) {
    this.store = store;
    this.sessions = new SymbolSessions(calendars, SymbolSessions.DEFAULT_FALLBACK_ZONE, clock);
    this.clock = clock;
  }

  /** The name of every check a run includes by default, in run order. */
  public static List<String> checkNames() {
    return QualityChecks.NAMES;
  }

  /**
   * Runs the checks of {@code options} over the symbols and returns the findings as they now stand in the log.
   *
   * @param range {@link DateRange#ALL} for an incremental (or, with {@code options.full()}, a full) run; otherwise
   *     exactly the sessions to examine
   */
  public List<QualityFinding> run(List<Symbol> symbols, DateRange range, QualityOptions options) {
    List<SymbolInfo> infos = infos(symbols);
    List<QualityCheck> checks = QualityChecks.create(store, sessions, clock, options);
    boolean explicit = range.from().isPresent() || range.to().isPresent();
    if (explicit || options.full()) {
      QualityRunner.Result result = new QualityRunner(store, checks, clock).execute(infos, range);
      if (range.to().isEmpty()) {
        recordWatermarks(infos, checks, result.lastBarDates());
      }
      return sorted(result.findings());
    }
    List<QualityCheck> incremental = new ArrayList<>(checks);
    incremental.removeIf(c -> c.name().equals(CompletenessCheck.NAME));
    List<QualityFinding> findings = new ArrayList<>();
    Map<Symbol, LocalDate> last = new HashMap<>();
    if (!incremental.isEmpty()) {
      for (Map.Entry<Optional<LocalDate>, List<SymbolInfo>> group : byWatermark(infos, incremental).entrySet()) {
        QualityRunner.Result result = new QualityRunner(store, incremental, clock)
            .execute(group.getValue(), new DateRange(group.getKey(), Optional.empty()));
        findings.addAll(result.findings());
        last.putAll(result.lastBarDates());
      }
      recordWatermarks(infos, incremental, last);
    }
    List<QualityCheck> whole = new ArrayList<>(checks);
    whole.removeAll(incremental);
    if (!whole.isEmpty()) {
      findings.addAll(new QualityRunner(store, whole, clock).run(infos, DateRange.ALL));
    }
    return sorted(findings);
  }

  /** By symbol, then in run order of the checks. */
  private static List<QualityFinding> sorted(List<QualityFinding> findings) {
    List<QualityFinding> sorted = new ArrayList<>(findings);
    sorted.sort(Comparator.comparing((QualityFinding f) -> f.symbol().value())
        .thenComparing(f -> QualityChecks.NAMES.contains(f.checkType())
            ? QualityChecks.NAMES.indexOf(f.checkType()) : QualityChecks.NAMES.size()));
    return sorted;
  }

  /**
   * The checks of {@code options} as a runner, for a job that chooses its own range each time (the daily quality
   * job): no watermarks, the findings logged as {@link #run} logs them.
   */
  public QualityRunner runner(QualityOptions options) {
    return new QualityRunner(store, QualityChecks.create(store, sessions, clock, options), clock);
  }

  private List<SymbolInfo> infos(List<Symbol> symbols) {
    Map<Symbol, SymbolInfo> known = new HashMap<>();
    store.listSymbols(true).forEach(s -> known.put(s.symbol(), s));
    List<SymbolInfo> infos = new ArrayList<>();
    for (Symbol symbol : symbols.stream().distinct().toList()) {
      infos.add(Optional.ofNullable(known.get(symbol)).orElseGet(() -> store.getSymbol(symbol)));
    }
    return infos;
  }

  /** Symbols grouped by the session their next incremental run starts from; empty for never examined. */
  private Map<Optional<LocalDate>, List<SymbolInfo>> byWatermark(List<SymbolInfo> infos, List<QualityCheck> checks) {
    List<String> names = checks.stream().map(QualityCheck::name).toList();
    Map<Symbol, Map<String, LocalDate>> marks = new HashMap<>();
    for (QualityWatermark mark : store.qualityWatermarks(infos.stream().map(SymbolInfo::symbol).toList(), names)) {
      marks.computeIfAbsent(mark.symbol(), s -> new HashMap<>()).put(mark.checkType(), mark.checkedThrough());
    }
    Map<Optional<LocalDate>, List<SymbolInfo>> groups = new LinkedHashMap<>();
    for (SymbolInfo info : infos) {
      Map<String, LocalDate> own = marks.getOrDefault(info.symbol(), Map.of());
      // The check that is furthest behind decides; one never run on the symbol means all history.
      Optional<LocalDate> from = own.keySet().containsAll(names)
          ? own.values().stream().min(Comparator.naturalOrder())
          : Optional.empty();
      groups.computeIfAbsent(from, f -> new ArrayList<>()).add(info);
    }
    return groups;
  }

  private void recordWatermarks(List<SymbolInfo> infos, List<QualityCheck> checks, Map<Symbol, LocalDate> seen) {
    List<QualityWatermark> marks = new ArrayList<>();
    for (SymbolInfo info : infos) {
      Optional<LocalDate> last = Optional.ofNullable(seen.get(info.symbol()))
          .or(() -> store.lastBarDate(info.symbol()));
      last.ifPresent(date -> checks.stream().filter(c -> !c.name().equals(CompletenessCheck.NAME))
          .forEach(c -> marks.add(new QualityWatermark(info.symbol(), c.name(), date))));
    }
    store.recordQualityWatermarks(marks, clock.instant());
  }
}
