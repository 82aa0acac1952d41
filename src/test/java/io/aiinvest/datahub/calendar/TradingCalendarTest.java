package io.aiinvest.datahub.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.DatahubException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Navigating a calendar: ranges, next and previous sessions, the last completed session, coverage limits. */
class TradingCalendarTest {

  private final TradingCalendar xnys = CalendarRegistry.loadBundled().get("XNYS");

  @Test
  void sessionsBetweenDatesIncludeBothEndsAndSkipHolidaysAndWeekends() {
    assertThat(xnys.sessions(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 8)))
        .extracting(Session::date)
        .containsExactly(
            LocalDate.of(2024, 7, 1),
            LocalDate.of(2024, 7, 2),
            LocalDate.of(2024, 7, 3),
            LocalDate.of(2024, 7, 5),
            LocalDate.of(2024, 7, 8));
    assertThat(xnys.sessionCount(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 8))).isEqualTo(5);
  }

  @Test
  void aRangeWithoutSessionsIsEmpty() {
    assertThat(xnys.sessions(LocalDate.of(2024, 7, 4), LocalDate.of(2024, 7, 4))).isEmpty();
    assertThat(xnys.sessionCount(LocalDate.of(2024, 7, 6), LocalDate.of(2024, 7, 7))).isZero();
  }

  @Test
  void aRangeEndingBeforeItStartsIsRejected() {
    assertThatThrownBy(() -> xnys.sessions(LocalDate.of(2024, 7, 8), LocalDate.of(2024, 7, 1)))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("2024-07-08 is after to 2024-07-01");
  }

  @ParameterizedTest(name = "after {0} comes {1}")
  @CsvSource({
    "2024-07-03, 2024-07-05", // over Independence Day
    "2024-07-05, 2024-07-08", // over a weekend
    "2024-07-06, 2024-07-08", // from a weekend day
    "2024-03-28, 2024-04-01", // over Good Friday and the weekend
    "2024-12-31, 2025-01-02" // over New Year's Day
  })
  void nextSessionIsTheFirstSessionStrictlyAfterTheDate(LocalDate date, LocalDate next) {
    assertThat(xnys.nextSession(date).date()).isEqualTo(next);
  }

  @ParameterizedTest(name = "before {0} comes {1}")
  @CsvSource({
    "2024-07-05, 2024-07-03",
    "2024-07-08, 2024-07-05",
    "2024-07-07, 2024-07-05",
    "2025-01-02, 2024-12-31",
    "2018-12-06, 2018-12-04" // over the day of mourning for President Bush
  })
  void previousSessionIsTheLastSessionStrictlyBeforeTheDate(LocalDate date, LocalDate previous) {
    assertThat(xnys.previousSession(date).date()).isEqualTo(previous);
  }

  @ParameterizedTest(name = "at {0} the last completed session is {1}")
  @CsvSource({
    "2024-07-08T19:59:59Z, 2024-07-05", // Monday 15:59:59 in New York: Monday still trading
    "2024-07-08T20:00:00Z, 2024-07-08", // Monday 16:00 exactly: closed
    "2024-07-09T02:00:00Z, 2024-07-08", // Monday 22:00 in New York, already Tuesday in UTC
    "2024-07-08T13:00:00Z, 2024-07-05", // Monday before the open
    "2024-07-06T15:00:00Z, 2024-07-05", // Saturday
    "2024-07-03T16:59:59Z, 2024-07-02", // early close day, a second before 13:00
    "2024-07-03T17:00:00Z, 2024-07-03", // early close day at 13:00
    "2024-07-04T18:00:00Z, 2024-07-03", // Independence Day
    "2024-11-04T20:30:00Z, 2024-11-01", // 15:30 EST, the first Monday after the clocks went back
    "2024-11-04T21:00:00Z, 2024-11-04"
  })
  void lastCompletedSessionIsTheLatestWhoseCloseHasPassedInExchangeTime(Instant now, LocalDate expected) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    assertThat(xnys.lastCompletedSession(clock).date()).isEqualTo(expected);
  }

  @Test
  void findSessionIsEmptyAndGetSessionThrowsOnAHoliday() {
    LocalDate independenceDay = LocalDate.of(2024, 7, 4);
    assertThat(xnys.findSession(independenceDay)).isEmpty();
    assertThatThrownBy(() -> xnys.getSession(independenceDay))
        .isInstanceOf(DatahubException.class)
        .hasMessage("2024-07-04 is not a session on XNYS (Independence Day)");
  }

  @Test
  void closureReasonIsEmptyForASessionAndWeekendForSaturday() {
    assertThat(xnys.findClosureReason(LocalDate.of(2024, 7, 5))).isEmpty();
    assertThat(xnys.findClosureReason(LocalDate.of(2024, 7, 6))).contains("weekend");
  }

  @Test
  void datesOutsideTheCoverageAreRefusedRatherThanGuessed() {
    assertThat(xnys.coverageFrom()).isEqualTo(LocalDate.of(1990, 1, 1));
    assertThat(xnys.coverageTo()).isEqualTo(LocalDate.of(2035, 12, 31));
    assertThatThrownBy(() -> xnys.isSession(LocalDate.of(2036, 1, 2)))
        .isInstanceOf(DatahubException.class)
        .hasMessage("XNYS calendar covers 1990-01-01..2035-12-31; 2036-01-02 is outside it");
    assertThatThrownBy(() -> xnys.sessions(LocalDate.of(1989, 12, 1), LocalDate.of(1990, 1, 31)))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("1989-12-01 is outside it");
    assertThatThrownBy(() -> xnys.lastCompletedSession(Clock.fixed(Instant.parse("2040-01-01T00:00:00Z"),
            ZoneOffset.UTC)))
        .isInstanceOf(DatahubException.class);
  }

  @Test
  void thereIsNoSessionBeyondEitherEndOfTheCoverage() {
    assertThat(xnys.nextSession(LocalDate.of(2035, 12, 28)).date()).isEqualTo(LocalDate.of(2035, 12, 31));
    assertThatThrownBy(() -> xnys.nextSession(LocalDate.of(2035, 12, 31)))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("no session after 2035-12-31");
    assertThatThrownBy(() -> xnys.previousSession(LocalDate.of(1990, 1, 2)))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("no session before 1990-01-02");
  }

  @Test
  void theExchangeCalendarIsNotAWeekdayFallback() {
    assertThat(xnys.isWeekdayFallback()).isFalse();
    assertThat(xnys.code()).isEqualTo("XNYS");
  }
}
