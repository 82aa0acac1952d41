package io.aiinvest.datahub.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.testing.SettableClock;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SymbolSessionsTest {
  private static final CalendarRegistry REGISTRY = CalendarRegistry.loadBundled();

  private static SymbolInfo symbol(String exchange, boolean active) {
    return new SymbolInfo(Symbol.of("ABC"), Optional.empty(), Optional.ofNullable(exchange), Optional.empty(),
        Optional.empty(), Optional.empty(), active, Optional.empty());
  }

  private static SymbolInfo listed(String listedOn, String delistedOn, boolean active) {
    return new SymbolInfo(Symbol.of("ABC"), Optional.empty(), Optional.of("NYSE"), Optional.empty(),
        Optional.empty(), Optional.empty(), active, Optional.empty(),
        Optional.ofNullable(listedOn).map(LocalDate::parse), Optional.ofNullable(delistedOn).map(LocalDate::parse));
  }

  private static SymbolSessions at(String newYorkTime) {
    return new SymbolSessions(REGISTRY, SymbolSessions.DEFAULT_FALLBACK_ZONE, SettableClock.newYork(newYorkTime));
  }

  private static Optional<DateRange> window(SymbolSessions sessions, SymbolInfo info, String firstBar,
      String lastBar) {
    return sessions.expectedWindow(info, sessions.calendarOf(info).calendar(),
        Optional.ofNullable(firstBar).map(LocalDate::parse), Optional.ofNullable(lastBar).map(LocalDate::parse),
        DateRange.ALL);
  }

  private static Optional<DateRange> range(String from, String to) {
    return Optional.of(DateRange.of(LocalDate.parse(from), LocalDate.parse(to)));
  }

  @Test
  void activeSymbolIsExpectedUpToTheSessionBeforeTodaysWhileTodaysIsStillTrading() {
    SymbolInfo info = symbol("NASDAQ", true);

    assertThat(window(at("2024-12-03T15:00"), info, "2024-11-01", "2024-12-02"))
        .isEqualTo(range("2024-11-01", "2024-12-02"));
    assertThat(window(at("2024-12-03T16:30"), info, "2024-11-01", "2024-12-02"))
        .isEqualTo(range("2024-11-01", "2024-12-03"));
  }

  @Test
  void onAnEarlyCloseDayTheSessionIsCompletedFromOnePmNewYorkTime() {
    SymbolInfo info = symbol("XNYS", true);

    assertThat(window(at("2024-11-29T12:59"), info, "2024-11-01", "2024-11-27"))
        .isEqualTo(range("2024-11-01", "2024-11-27"));
    assertThat(window(at("2024-11-29T13:00"), info, "2024-11-01", "2024-11-27"))
        .isEqualTo(range("2024-11-01", "2024-11-29"));
  }

  @Test
  void onAWeekendOrHolidayTheLastCompletedSessionIsTheTradingDayBefore() {
    SymbolInfo info = symbol("XNYS", true);

    assertThat(window(at("2024-07-04T18:00"), info, "2024-06-03", "2024-07-03"))
        .isEqualTo(range("2024-06-03", "2024-07-03"));
    assertThat(window(at("2024-07-07T10:00"), info, "2024-06-03", "2024-07-03"))
        .isEqualTo(range("2024-06-03", "2024-07-05"));
  }

  @Test
  void inactiveSymbolIsExpectedOnlyUpToItsLastBar() {
    assertThat(window(at("2025-08-08T18:00"), symbol("XNYS", false), "2020-08-10", "2024-06-28"))
        .isEqualTo(range("2020-08-10", "2024-06-28"));
  }

  @Test
  void listingDateStartsTheWindowAndDelistingDateEndsIt() {
    SymbolSessions sessions = at("2025-08-08T18:00");

    assertThat(window(sessions, listed("2020-01-02", null, true), "2020-03-02", "2025-08-08"))
        .isEqualTo(range("2020-01-02", "2025-08-08"));
    assertThat(window(sessions, listed(null, "2023-05-31", true), "2020-03-02", "2023-05-31"))
        .isEqualTo(range("2020-03-02", "2023-05-31"));
    assertThat(window(sessions, listed("2020-01-02", "2023-05-31", false), null, null)).isEmpty();
  }

  @Test
  void symbolWithoutBarsOrListingDateExpectsNothing() {
    assertThat(window(at("2025-08-08T18:00"), symbol("XNYS", true), null, null)).isEmpty();
  }

  @Test
  void requestedRangeAndCalendarCoverageNarrowTheWindow() {
    SymbolSessions sessions = at("2025-08-08T18:00");
    SymbolInfo info = symbol("XNYS", true);
    TradingCalendar xnys = sessions.calendarOf(info).calendar();

    assertThat(sessions.expectedWindow(info, xnys, Optional.of(LocalDate.of(1985, 1, 2)),
        Optional.of(LocalDate.of(2025, 8, 8)), DateRange.of(null, LocalDate.of(2000, 12, 31))))
        .isEqualTo(range("1990-01-01", "2000-12-31"));
    assertThat(sessions.expectedWindow(info, xnys, Optional.of(LocalDate.of(2024, 1, 2)),
        Optional.of(LocalDate.of(2025, 8, 8)), DateRange.of(LocalDate.of(2020, 1, 1), LocalDate.of(2023, 12, 31))))
        .isEmpty();
  }

  @Test
  void exchangeWithoutCalendarGetsTheWeekdayFallbackAndSaysWhy() {
    SymbolSessions sessions = at("2025-08-08T18:00");

    SymbolCalendar foo = sessions.calendarOf(symbol("FOO", true));
    SymbolCalendar none = sessions.calendarOf(symbol(null, true));
    SymbolCalendar nyse = sessions.calendarOf(symbol("nyse", true));

    assertThat(foo.calendar().isWeekdayFallback()).isTrue();
    assertThat(foo.label()).isEqualTo("weekday fallback (exchange FOO has no calendar)");
    assertThat(none.label()).isEqualTo("weekday fallback (no exchange recorded)");
    assertThat(nyse.label()).isEqualTo("XNYS");
  }
}
