package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.calendar.SessionCoverage;
import io.aiinvest.datahub.calendar.SymbolCalendar;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.calendar.TradingCalendar;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.RepairAttempt;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderChain;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderFailure;
import io.aiinvest.datahub.store.BarDates;
import io.aiinvest.datahub.store.MarketStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Late repair of missing bars (issue 5): finds the sessions a symbol is missing in a window, asks the provider again
 * for just those (adjacent missing sessions coalesced into one range), stores what arrives and reports per symbol what
 * was filled, by which provider, and what is still missing. With a chain of providers, each next provider is asked
 * only for the sessions the ones before it did not deliver. Sessions no provider delivers are counted in the store's
 * repair attempts and retried only as {@link RepairPolicy} allows. Stored bars are never touched: only bars of missing
 * sessions are written (the response's splits and dividends are upserted as ingest does), so a run changes nothing
 * once the holes are filled, and running it again is safe. Rows a provider delivered for a missing session that could
 * not be bars are logged as data-quality findings, and a session filled later resolves its finding
 * ({@link RefusedRowLog}, through {@link IngestService#store}).
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

  /**
   * Repairs each symbol in turn; one symbol's failure is recorded in its outcome and never stops the others.
   *
   * @param provider one provider, or a {@link ProviderChain} whose providers are asked in turn, each only for the
   *     sessions the ones before it did not deliver
   */
  public RepairReport repair(List<SymbolInfo> symbols, BarProvider provider, RepairWindow window) {
    ProviderChain chain = ProviderChain.of(provider);
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
            repairOne(info, calendars.get(symbol), requested.get(symbol), dates.get(symbol), chain);
        LOG.info("symbol={} providers={} repair={} filled={} stillMissing={} fetches={}", symbol, chain.names(),
            outcome.status(), describeFills(outcome), outcome.stillMissing().size(), outcome.fetches());
        outcomes.add(outcome);
      }
    }
    return new RepairReport(outcomes);
  }

  private SymbolRepair repairOne(
      SymbolInfo info, SymbolCalendar calendar, DateRange requested, BarDates dates, ProviderChain chain) {
    Symbol symbol = info.symbol();
    Optional<DateRange> window = Optional.empty();
    try {
      TradingCalendar cal = calendar.calendar();
      window = sessions.expectedWindow(info, cal, dates.first(), dates.last(), requested);
      if (window.isEmpty()) {
        return SymbolRepair.nothingMissing(symbol, calendar.label(), window);
      }
      List<LocalDate> missing = SessionCoverage.compare(cal, window, dates.dates()).missing();
      if (missing.isEmpty()) {
        return SymbolRepair.nothingMissing(symbol, calendar.label(), window);
      }
      return fill(symbol, calendar, window.get(), missing, chain);
    } catch (DatahubException e) {
      LOG.warn("symbol={} providers={} repair failed: {}", symbol, chain.names(), e.getMessage());
      return SymbolRepair.failed(symbol, calendar.label(), window, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("symbol={} providers={} repair failed unexpectedly", symbol, chain.names(), e);
      return SymbolRepair.failed(symbol, calendar.label(), window, "unexpected " + e);
    }
  }

  private SymbolRepair fill(
      Symbol symbol, SymbolCalendar calendar, DateRange window, List<LocalDate> missing, ProviderChain chain) {
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

    Tally tally = new Tally();
    Optional<String> error = Optional.empty();
    for (DateRange run : SessionCoverage.runs(cal, due)) {
      error = repairRun(symbol, cal, due.stream().filter(run::contains).toList(), chain, now, tally);
      if (error.isPresent()) {
        break;
      }
    }
    List<LocalDate> stillMissing = missing.stream().filter(d -> !tally.filledBy.containsKey(d)).toList();
    return new SymbolRepair(symbol, calendar.label(), Optional.of(window), tally.filledBy, stillMissing,
        backingOff, givenUp, nextAttemptOn, tally.fetches, tally.fallbacks, error, tally.findingsLogged);
  }

  /** What the runs of one symbol have done so far. */
  private static final class Tally {
    final SortedMap<LocalDate, ProviderId> filledBy = new TreeMap<>();
    final List<ProviderFailure> fallbacks = new ArrayList<>();
    int fetches;
    /** 1 once a provider's refused rows were new to the symbol's finding: one open finding per symbol. */
    int findingsLogged;
  }

  /**
   * Repairs one run of consecutive missing sessions through the chain: its first provider is asked for the whole
   * run, each next one only for the sessions still missing after the answers before it (coalesced into runs again),
   * and the walk ends once every session is filled. A provider answering without a session's bar, or with "no
   * data", has answered; the next one is asked. A provider that fails without answering is skipped for the rest of
   * the run, and the next one asked in its place.
   *
   * <p>Sessions still missing at the end get one attempt counted if some provider answered for them. If none did
   * (every provider down, say), or a provider failed in a way no other can make up for (a missing local file, a
   * store that refused the bars), the symbol's repair stops with an error and those sessions count no attempt.
   *
   * @return the error that stops the symbol's repair
   */
  private Optional<String> repairRun(
      Symbol symbol, TradingCalendar cal, List<LocalDate> runSessions, ProviderChain chain, Instant now,
      Tally tally) {
    Set<LocalDate> remaining = new TreeSet<>(runSessions);
    Map<LocalDate, List<Answer>> answers = new HashMap<>();
    List<ProviderFailure> failures = new ArrayList<>();
    Optional<String> stop = Optional.empty();
    providers:
    for (BarProvider provider : chain.members()) {
      List<LocalDate> asked = List.copyOf(remaining);
      for (DateRange part : SessionCoverage.runs(cal, asked)) {
        List<LocalDate> partSessions = asked.stream().filter(part::contains).toList();
        tally.fetches++;
        Reply reply = fetchPart(symbol, part, partSessions, provider);
        if (reply instanceof Reply.Stopped stopped) {
          stop = Optional.of(stopped.error());
          break providers;
        }
        if (reply instanceof Reply.Failed failed) {
          failures.add(failed.failure());
          continue providers;
        }
        Reply.Answered answered = (Reply.Answered) reply;
        tally.findingsLogged = Math.max(tally.findingsLogged, answered.findingsLogged());
        Set<LocalDate> present = new HashSet<>(store.barDates(List.of(symbol), part).get(symbol).dates());
        for (LocalDate session : partSessions) {
          if (present.contains(session)) {
            tally.filledBy.put(session, answered.provider());
            remaining.remove(session);
          } else {
            answers.computeIfAbsent(session, s -> new ArrayList<>())
                .add(new Answer(answered.provider(), answered.outcome(session)));
          }
        }
      }
      if (remaining.isEmpty()) {
        break;
      }
    }

    // Group the still-missing sessions that some provider answered for by what they answered: one store call each.
    Map<List<Answer>, List<LocalDate>> attempted = new LinkedHashMap<>();
    List<LocalDate> unanswered = new ArrayList<>();
    for (LocalDate session : remaining) {
      List<Answer> said = answers.get(session);
      if (said == null) {
        unanswered.add(session);
      } else {
        attempted.computeIfAbsent(said, a -> new ArrayList<>()).add(session);
      }
    }
    attempted.forEach((said, sessions) -> store.recordRepairAttempts(
        symbol, sessions, said.get(said.size() - 1).provider(), Answer.describe(said), now));

    if (stop.isPresent() || !unanswered.isEmpty()) {
      // The error names every provider's failure in chain order, then what stopped the walk.
      List<String> errors = new ArrayList<>(failures.stream().map(ProviderFailure::message).toList());
      stop.ifPresent(errors::add);
      return Optional.of(errors.isEmpty() ? "no provider answered" : String.join("; ", errors));
    }
    tally.fallbacks.addAll(failures);
    return Optional.empty();
  }

  /**
   * Fetches one part of a run from one provider and stores the bars of its missing sessions, nothing else: a bar the
   * provider sends for a non-session between them is not the repair's to store. The response's splits and
   * dividends are upserted as ingest does.
   */
  private Reply fetchPart(Symbol symbol, DateRange part, List<LocalDate> partSessions, BarProvider provider) {
    ProviderBars delivered;
    try {
      delivered = provider.fetch(symbol, part);
    } catch (ProviderException e) {
      if (e.kind() == ProviderException.Kind.NO_DATA || e.kind() == ProviderException.Kind.UNKNOWN_SYMBOL) {
        return new Reply.Answered(e.provider(), Optional.of(e.getMessage()), List.of(), 0);
      }
      LOG.debug("symbol={} provider={} {}: {} ({})", symbol, e.provider(), part, e.getMessage(), e.kind());
      return e.worthFallingBack()
          ? new Reply.Failed(ProviderFailure.of(e))
          : new Reply.Stopped(e.getMessage());
    }
    Set<LocalDate> wanted = new HashSet<>(partSessions);
    List<DailyBar> bars = delivered.bars().stream().filter(b -> wanted.contains(b.date())).toList();
    if (delivered.basis() == PriceBasis.FULLY_ADJUSTED) {
      // Dividend-adjusted prices cannot be turned back into traded ones (docs/ingest.md): such a provider can say
      // it lacks a session, but not fill one, and its answer is stored not even in part.
      return bars.isEmpty()
          ? new Reply.Answered(delivered.source(), Optional.empty(), List.of(), 0)
          : new Reply.Failed(new ProviderFailure(delivered.source(), ProviderException.Kind.BAD_RESPONSE,
              delivered.source() + ": " + symbol + " " + part + ": dividend-adjusted prices cannot be stored as"
                  + " traded; repair needs a provider with as-traded or split-adjusted prices"));
    }
    ProviderBars missingOnly = new ProviderBars(
        delivered.symbol(), delivered.source(), delivered.basis(), bars, delivered.actions(),
        delivered.rejections());
    try {
      SymbolOutcome stored = ingest.store(missingOnly);
      return new Reply.Answered(delivered.source(), Optional.empty(), stored.bars().rejections(),
          stored.findingsLogged());
    } catch (DatahubException e) {
      return new Reply.Stopped(e.getMessage());
    }
  }

  /** How one provider replied to one part of a run. */
  private sealed interface Reply {
    /**
     * It answered, with or without the sessions' bars.
     *
     * @param provider the provider that answered (within a chain, the real one, not the chain)
     * @param words the provider's own words when it answered "no data" or "unknown symbol"
     * @param rejections delivered rows that could not be stored
     * @param findingsLogged data-quality findings storing the answer logged (see {@link SymbolOutcome})
     */
    record Answered(ProviderId provider, Optional<String> words, List<Rejection> rejections, int findingsLogged)
        implements Reply {
      /** What to record for a session of the part that is still missing. */
      String outcome(LocalDate session) {
        if (words.isPresent()) {
          return words.get();
        }
        return rejections.stream()
            .filter(r -> r.date().equals(session))
            .findFirst()
            .map(r -> "bar rejected: " + r.reason())
            .orElse("no bar delivered for the session");
      }
    }

    /** It did not answer (down, throttled, key refused, unusable prices); the next provider may. */
    record Failed(ProviderFailure failure) implements Reply {}

    /** Nothing further should be asked for the symbol: a local input is missing, or the store refused the bars. */
    record Stopped(String error) implements Reply {}
  }

  /** One provider's answer for a session it did not deliver. */
  private record Answer(ProviderId provider, String outcome) {
    /** The text recorded with the attempt: the answer, or each provider's answer in chain order. */
    static String describe(List<Answer> answers) {
      if (answers.size() == 1) {
        return answers.get(0).outcome();
      }
      return answers.stream()
          .map(a -> a.outcome().startsWith(a.provider() + ": ") ? a.outcome() : a.provider() + ": " + a.outcome())
          .collect(Collectors.joining("; "));
    }
  }

  private static String describeFills(SymbolRepair outcome) {
    if (outcome.filledBy().isEmpty()) {
      return "0";
    }
    return outcome.filledByProvider().entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue().size())
        .collect(Collectors.joining(","));
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
