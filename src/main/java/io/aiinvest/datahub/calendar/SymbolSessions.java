package io.aiinvest.datahub.calendar;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Which sessions a symbol must have bars for: the rule completeness checks and repair share (see
 * docs/completeness-and-repair.md). A symbol is judged by its exchange's calendar, or by the weekday fallback when
 * the exchange has none; its window runs from its listing date (or first bar) to the last completed session while
 * it is active, or to its last bar once inactive, and never past its delisting date.
 */
public final class SymbolSessions {
  /** Zone of the weekday fallback's 16:00 close when a symbol's exchange has no calendar. */
  public static final ZoneId DEFAULT_FALLBACK_ZONE = ZoneId.of("America/New_York");

  private final CalendarRegistry registry;
  private final ZoneId fallbackZone;
  private final Clock clock;

  public SymbolSessions(CalendarRegistry registry, ZoneId fallbackZone, Clock clock) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.fallbackZone = Objects.requireNonNull(fallbackZone, "fallbackZone");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Clock clock() {
    return clock;
  }

  /** The symbol's exchange calendar, or the weekday fallback labelled with the reason. */
  public SymbolCalendar calendarOf(SymbolInfo info) {
    TradingCalendar calendar = registry.calendarFor(info.exchange(), fallbackZone);
    if (!calendar.isWeekdayFallback()) {
      return new SymbolCalendar(calendar, calendar.code());
    }
    String reason = info.exchange()
        .map(exchange -> "exchange " + exchange + " has no calendar")
        .orElse("no exchange recorded");
    return new SymbolCalendar(calendar, "weekday fallback (" + reason + ")");
  }

  /**
   * The closed range of dates whose sessions must have bars, within {@code requested} and the calendar's coverage;
   * empty when nothing is expected (no bars and no listing date, or the window and the request do not meet).
   *
   * @param firstBar the symbol's first bar date over all history
   * @param lastBar its last bar date over all history
   */
  public Optional<DateRange> expectedWindow(
      SymbolInfo info,
      TradingCalendar calendar,
      Optional<LocalDate> firstBar,
      Optional<LocalDate> lastBar,
      DateRange requested) {
    Optional<LocalDate> start = info.listedOn().or(() -> firstBar);
    Optional<LocalDate> end = info.active() ? Optional.of(calendar.lastCompletedSession(clock).date()) : lastBar;
    if (start.isEmpty() || end.isEmpty()) {
      return Optional.empty();
    }
    LocalDate from = latest(start.get(), calendar.coverageFrom(), requested.from());
    LocalDate to = earliest(end.get(), calendar.coverageTo(), requested.to());
    if (info.delistedOn().isPresent() && info.delistedOn().get().isBefore(to)) {
      to = info.delistedOn().get();
    }
    return from.isAfter(to) ? Optional.empty() : Optional.of(DateRange.of(from, to));
  }

  private static LocalDate latest(LocalDate a, LocalDate b, Optional<LocalDate> c) {
    LocalDate later = a.isAfter(b) ? a : b;
    return c.filter(d -> d.isAfter(later)).orElse(later);
  }

  private static LocalDate earliest(LocalDate a, LocalDate b, Optional<LocalDate> c) {
    LocalDate earlier = a.isBefore(b) ? a : b;
    return c.filter(d -> d.isBefore(earlier)).orElse(earlier);
  }
}
