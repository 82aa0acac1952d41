package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.calendar.SessionCoverage;
import io.aiinvest.datahub.calendar.SymbolCalendar;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.calendar.TradingCalendar;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.RepairAttempt;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.store.BarDates;
import io.aiinvest.datahub.store.MarketStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Late repair of missing bars (issue 5): finds the sessions a symbol is missing in a window, asks the provider again
 * for just those (adjacent missing sessions coalesced into one range), stores what arrives and reports per symbol what
 * was filled and what is still missing. Sessions the provider does not deliver are counted in the store's repair
 * attempts and retried only as {@link RepairPolicy} allows. Stored bars are never touched: only bars of missing
 * sessions are written (the response's splits and dividends are upserted as ingest does), so a run changes nothing
 * once the holes are filled, and running it again is safe.
 */
public final class RepairService {
  private static final Logger LOG = LoggerFactory.getLogger(RepairService.class);

  /** Symbols whose bar dates are read per store query. */
  static final int BATCH = 500;

  private final MarketStore store;
  private final IngestService ingest;
  private final SymbolSessions sessions;
  private final RepairPolicy policy;

  public RepairService(MarketStore store, SymbolSessions sessions, RepairPolicy policy) {
    this.store = store;
    this.ingest = new IngestService(store, sessions);
    this.sessions = sessions;
    this.policy = policy;
  }

  /** Repairs each symbol in turn; one symbol's failure is recorded in its outcome and never stops the others. */
  public RepairReport repair(List<SymbolInfo> symbols, BarProvider provider, RepairWindow window) {
    List<SymbolRepair> outcomes = new ArrayList<>();
    for (int i = 0; i < symbols.size(); i += BATCH) {
      List<SymbolInfo> batch = symbols.subList(i, Math.min(symbols.size(), i + BATCH));
      Map<Symbol, SymbolCalendar> calendars = new HashMap<>();
      Map<Symbol, DateRange> requested = new HashMap<>();
      for (SymbolInfo info : batch) {
        SymbolCalendar calendar = sessions.calendarOf(info);
        calendars.put(info.symbol(), calendar);
        requested.put(info.symbol(), window.resolve(calendar.calendar().zone(), sessions.clock()));
      }
      Map<Symbol, BarDates> dates =
          store.barDates(batch.stream().map(SymbolInfo::symbol).toList(), span(requested.values()));
      for (SymbolInfo info : batch) {
        Symbol symbol = info.symbol();
        SymbolRepair outcome =
            repairOne(info, calendars.get(symbol), requested.get(symbol), dates.get(symbol), provider);
        LOG.info("symbol={} provider={} repair={} filled={} stillMissing={} fetches={}", symbol, provider.id(),
            outcome.status(), outcome.filled().size(), outcome.stillMissing().size(), outcome.fetches());
        outcomes.add(outcome);
      }
    }
    return new RepairReport(outcomes);
  }

  private SymbolRepair repairOne(
      SymbolInfo info, SymbolCalendar calendar, DateRange requested, BarDates dates, BarProvider provider) {
    Symbol symbol = info.symbol();
    Optional<DateRange> window = Optional.empty();
    try {
      TradingCalendar cal = calendar.calendar();
      window = sessions.expectedWindow(info, cal, dates.first(), dates.last(), requested);
      if (window.isEmpty()) {
        return new SymbolRepair(symbol, calendar.label(), window, List.of(), List.of(), List.of(), List.of(),
            Optional.empty(), 0, Optional.empty());
      }
      List<LocalDate> missing = SessionCoverage.compare(cal, window, dates.dates()).missing();
      if (missing.isEmpty()) {
        return new SymbolRepair(symbol, calendar.label(), window, List.of(), List.of(), List.of(), List.of(),
            Optional.empty(), 0, Optional.empty());
      }
      return fill(symbol, calendar, window.get(), missing, provider);
    } catch (DatahubException e) {
      LOG.warn("symbol={} provider={} repair failed: {}", symbol, provider.id(), e.getMessage());
      return SymbolRepair.failed(symbol, calendar.label(), window, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("symbol={} provider={} repair failed unexpectedly", symbol, provider.id(), e);
      return SymbolRepair.failed(symbol, calendar.label(), window, "unexpected " + e);
    }
  }

  private SymbolRepair fill(
      Symbol symbol, SymbolCalendar calendar, DateRange window, List<LocalDate> missing, BarProvider provider) {
    TradingCalendar cal = calendar.calendar();
    Instant now = sessions.clock().instant();
    LocalDate today = LocalDate.ofInstant(now, cal.zone());
    Map<LocalDate, RepairAttempt> attempts = new HashMap<>();
    store.repairAttempts(symbol, window).forEach(a -> attempts.put(a.session(), a));

    List<LocalDate> due = new ArrayList<>();
    List<LocalDate> backingOff = new ArrayList<>();
    List<LocalDate> givenUp = new ArrayList<>();
    Optional<LocalDate> nextAttemptOn = Optional.empty();
    for (LocalDate session : missing) {
      RepairAttempt attempt = attempts.get(session);
      if (attempt == null) {
        due.add(session);
        continue;
      }
      Optional<LocalDate> next = policy.nextAttemptOn(attempt, cal.zone());
      if (next.isEmpty()) {
        givenUp.add(session);
      } else if (next.get().isAfter(today)) {
        backingOff.add(session);
        nextAttemptOn = Optional.of(nextAttemptOn.filter(n -> n.isBefore(next.get())).orElse(next.get()));
      } else {
        due.add(session);
      }
    }

    Set<LocalDate> filled = new TreeSet<>();
    int fetches = 0;
    Optional<String> error = Optional.empty();
    for (DateRange run : SessionCoverage.runs(cal, due)) {
      List<LocalDate> runSessions = due.stream().filter(run::contains).toList();
      fetches++;
      RunResult result = fetchRun(symbol, run, runSessions, provider);
      if (result.error().isPresent()) {
        error = result.error();
        break;
      }
      Set<LocalDate> present = new HashSet<>(store.barDates(List.of(symbol), run).get(symbol).dates());
      List<LocalDate> notDelivered = new ArrayList<>();
      for (LocalDate session : runSessions) {
        if (present.contains(session)) {
          filled.add(session);
        } else {
          notDelivered.add(session);
        }
      }
      store.recordRepairAttempts(symbol, notDelivered, result.provider(), result.outcome(notDelivered), now);
    }
    List<LocalDate> stillMissing = missing.stream().filter(d -> !filled.contains(d)).toList();
    return new SymbolRepair(symbol, calendar.label(), Optional.of(window), List.copyOf(filled), stillMissing,
        backingOff, givenUp, nextAttemptOn, fetches, error);
  }

  /**
   * Fetches one run and stores the bars of its missing sessions, nothing else: a bar the provider sends for a
   * non-session between them is not the repair's to store. A provider that answers "no data" or "unknown symbol"
   * has answered, and the sessions count as attempted; one that is down, throttled or misconfigured has not (nor
   * has a store that refused the bars), and the symbol's repair stops there without counting an attempt against the
   * sessions.
   */
  private RunResult fetchRun(
      Symbol symbol, DateRange run, List<LocalDate> runSessions, BarProvider provider) {
    ProviderBars delivered;
    try {
      delivered = provider.fetch(symbol, run);
    } catch (ProviderException e) {
      boolean answered = e.kind() == ProviderException.Kind.NO_DATA
          || e.kind() == ProviderException.Kind.UNKNOWN_SYMBOL;
      return answered
          ? new RunResult(e.provider(), Optional.empty(), Optional.of(e.getMessage()), List.of())
          : new RunResult(e.provider(), Optional.of(e.getMessage()), Optional.empty(), List.of());
    }
    Set<LocalDate> wanted = new HashSet<>(runSessions);
    List<DailyBar> bars = delivered.bars().stream().filter(b -> wanted.contains(b.date())).toList();
    ProviderBars missingOnly = new ProviderBars(
        delivered.symbol(), delivered.source(), delivered.basis(), bars, delivered.actions(),
        delivered.rejections());
    try {
      SymbolOutcome stored = ingest.store(missingOnly);
      return new RunResult(delivered.source(), Optional.empty(), Optional.empty(), stored.bars().rejections());
    } catch (DatahubException e) {
      return new RunResult(delivered.source(), Optional.of(e.getMessage()), Optional.empty(), List.of());
    }
  }

  /**
   * @param provider the provider that answered or failed (within a chain, the real one, not the chain)
   * @param error the provider failed without answering
   * @param answer the provider's own words when it answered without bars
   * @param rejections delivered rows that could not be stored
   */
  private record RunResult(
      ProviderId provider, Optional<String> error, Optional<String> answer, List<Rejection> rejections) {
    /** What to record for sessions of the run that are still missing. */
    String outcome(List<LocalDate> notDelivered) {
      if (answer.isPresent()) {
        return answer.get();
      }
      Set<LocalDate> left = new HashSet<>(notDelivered);
      return rejections.stream()
          .filter(r -> left.contains(r.date()))
          .findFirst()
          .map(r -> "bar rejected: " + r.reason())
          .orElse("no bar delivered for the session");
    }
  }

  /** The smallest range holding every requested range: one store query serves the whole batch. */
  private static DateRange span(Iterable<DateRange> ranges) {
    Optional<LocalDate> from = Optional.empty();
    Optional<LocalDate> to = Optional.empty();
    boolean openFrom = false;
    boolean openTo = false;
    for (DateRange range : ranges) {
      openFrom |= range.from().isEmpty();
      openTo |= range.to().isEmpty();
      from = earlier(from, range.from());
      to = later(to, range.to());
    }
    return new DateRange(openFrom ? Optional.empty() : from, openTo ? Optional.empty() : to);
  }

  private static Optional<LocalDate> earlier(Optional<LocalDate> a, Optional<LocalDate> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.or(() -> b);
    }
    return a.get().isBefore(b.get()) ? a : b;
  }

  private static Optional<LocalDate> later(Optional<LocalDate> a, Optional<LocalDate> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.or(() -> b);
    }
    return a.get().isAfter(b.get()) ? a : b;
  }
}
