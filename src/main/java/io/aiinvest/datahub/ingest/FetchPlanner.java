package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.calendar.TradingCalendar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.MarketStore;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Decides, per symbol, which sessions a run stores and what it asks the providers for. Sessions end at the last
 * completed session of the symbol's exchange, judged by the injected clock, so a live bar is never stored. The request
 * itself runs to today: a provider that split-adjusts (Yahoo) adjusts the window for every split up to the fetch, and
 * only the split events after the window let ingest undo that; the bars after the window are dropped.
 */
final class FetchPlanner {
  private final MarketStore store;
  private final SymbolSessions sessions;
  private final IngestSettings settings;

  FetchPlanner(MarketStore store, SymbolSessions sessions, IngestSettings settings) {
    this.store = store;
    this.sessions = sessions;
    this.settings = settings;
  }

  /**
   * What to do for one symbol.
   *
   * @param sessions the sessions to store; empty when there is nothing to fetch
   * @param fetchRange the range to ask the providers for: {@code sessions} extended to today
   * @param incremental whether the start came from the stored bars, so that "no data" means "nothing new yet"
   */
  record Plan(Optional<DateRange> sessions, Optional<DateRange> fetchRange, boolean incremental) {
    static Plan upToDate(boolean incremental) {
      return new Plan(Optional.empty(), Optional.empty(), incremental);
    }

    boolean upToDate() {
      return sessions.isEmpty();
    }
  }

  Plan plan(SymbolInfo symbol, IngestRequest run) {
    TradingCalendar calendar = sessions.calendarOf(symbol).calendar();
    LocalDate lastCompleted = calendar.lastCompletedSession(sessions.clock()).date();
    LocalDate today = LocalDate.ofInstant(sessions.clock().instant(), calendar.zone());
    LocalDate to = run.to().filter(t -> t.isBefore(lastCompleted)).orElse(lastCompleted);
    boolean incremental = run.from().isEmpty() && run.start() == IngestRequest.Start.INCREMENTAL;
    Optional<LocalDate> from = run.from();
    if (incremental) {
      from = Optional.of(store.lastBarDate(symbol.symbol())
          .map(last -> last.plusDays(1))
          .orElseGet(() -> settings.defaultStart(to)));
    }
    if (from.isPresent() && (from.get().isAfter(to) || noSessionBetween(calendar, from.get(), to))) {
      return Plan.upToDate(incremental);
    }
    LocalDate first = from.orElse(null);
    return new Plan(Optional.of(DateRange.of(first, to)), Optional.of(DateRange.of(first, today)), incremental);
  }

  /** True for a window of weekends and holidays only; a window the calendar does not cover is fetched anyway. */
  private static boolean noSessionBetween(TradingCalendar calendar, LocalDate from, LocalDate to) {
    return calendar.covers(from) && calendar.covers(to) && calendar.sessionCount(from, to) == 0;
  }
}
