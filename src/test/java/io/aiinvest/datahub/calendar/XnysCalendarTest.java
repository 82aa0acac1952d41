package io.aiinvest.datahub.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NYSE calendar as bundled in {@code calendar/XNYS.json}. Expected dates are NYSE's own holiday and early-close
 * schedules as exchange_calendars (XNYS) records them; see docs/calendar.md for the sources.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XnysCalendarTest {

  private final TradingCalendar xnys = CalendarRegistry.loadBundled().get("XNYS");

  @ParameterizedTest(name = "{0} is closed for {1}")
  @CsvSource({
    // New Year's Day; a Sunday New Year is observed on the Monday
    "1990-01-01, New Year's Day",
    "1995-01-02, New Year's Day",
    "2006-01-02, New Year's Day",
    "2012-01-02, New Year's Day",
    "2017-01-02, New Year's Day",
    "2023-01-02, New Year's Day",
    "2024-01-01, New Year's Day",
    "2034-01-02, New Year's Day",
    // Martin Luther King Jr. Day, third Monday of January, from 1998
    "1998-01-19, Martin Luther King Jr. Day",
    "2008-01-21, Martin Luther King Jr. Day",
    "2024-01-15, Martin Luther King Jr. Day",
    "2035-01-15, Martin Luther King Jr. Day",
    // Washington's Birthday, third Monday of February
    "1990-02-19, Washington's Birthday",
    "2010-02-15, Washington's Birthday",
    "2025-02-17, Washington's Birthday",
    // Good Friday, two days before (Gregorian) Easter, also when Easter is in March
    "1990-04-13, Good Friday",
    "2000-04-21, Good Friday",
    "2008-03-21, Good Friday",
    "2016-03-25, Good Friday",
    "2019-04-19, Good Friday",
    "2021-04-02, Good Friday",
    "2024-03-29, Good Friday",
    "2025-04-18, Good Friday",
    "2035-03-23, Good Friday",
    // Memorial Day, last Monday of May
    "1990-05-28, Memorial Day",
    "2021-05-31, Memorial Day",
    "2025-05-26, Memorial Day",
    // Juneteenth, from 2022, Saturday to Friday and Sunday to Monday
    "2022-06-20, Juneteenth National Independence Day",
    "2023-06-19, Juneteenth National Independence Day",
    "2027-06-18, Juneteenth National Independence Day",
    "2033-06-20, Juneteenth National Independence Day",
    // Independence Day, Saturday to Friday and Sunday to Monday
    "1992-07-03, Independence Day",
    "2010-07-05, Independence Day",
    "2015-07-03, Independence Day",
    "2021-07-05, Independence Day",
    "2024-07-04, Independence Day",
    "2026-07-03, Independence Day",
    // Labor Day, first Monday of September
    "1990-09-03, Labor Day",
    "2024-09-02, Labor Day",
    // Thanksgiving, fourth Thursday of November
    "1990-11-22, Thanksgiving Day",
    "2001-11-22, Thanksgiving Day",
    "2024-11-28, Thanksgiving Day",
    "2030-11-28, Thanksgiving Day",
    // Christmas, Saturday to Friday and Sunday to Monday
    "1993-12-24, Christmas Day",
    "1999-12-24, Christmas Day",
    "2005-12-26, Christmas Day",
    "2010-12-24, Christmas Day",
    "2016-12-26, Christmas Day",
    "2021-12-24, Christmas Day",
    "2022-12-26, Christmas Day",
    "2024-12-25, Christmas Day"
  })
  void regularHolidaysAreClosedAndNamed(LocalDate date, String holiday) {
    assertThat(xnys.isSession(date)).isFalse();
    assertThat(xnys.findClosureReason(date)).contains(holiday);
  }

  @ParameterizedTest(name = "New Year''s Day on Saturday: {0} is a session")
  @ValueSource(strings = {"1993-12-31", "1999-12-31", "2004-12-31", "2010-12-31", "2021-12-31", "2027-12-31"})
  void saturdayNewYearIsNotObservedOnTheFridayBefore(LocalDate lastFridayOfYear) {
    assertThat(lastFridayOfYear.plusDays(1)).hasMonthValue(1).hasDayOfMonth(1);
    assertThat(xnys.isSession(lastFridayOfYear)).isTrue();
    assertThat(xnys.findClosureReason(lastFridayOfYear.plusDays(1))).contains("weekend");
  }

  @Test
  void martinLutherKingDayIsATradingDayBefore1998() {
    assertThat(xnys.isSession(LocalDate.of(1990, 1, 15))).isTrue();
    assertThat(xnys.isSession(LocalDate.of(1997, 1, 20))).isTrue();
    assertThat(xnys.isSession(LocalDate.of(1998, 1, 19))).isFalse();
  }

  @Test
  void juneteenthIsATradingDayBefore2022() {
    assertThat(xnys.isSession(LocalDate.of(2020, 6, 19))).isTrue();
    assertThat(xnys.isSession(LocalDate.of(2021, 6, 18))).isTrue();
    assertThat(xnys.isSession(LocalDate.of(2021, 6, 21))).isTrue();
    assertThat(xnys.isSession(LocalDate.of(2022, 6, 20))).isFalse();
  }

  @Test
  void columbusAndVeteransDayAreTradingDays() {
    assertThat(xnys.isSession(LocalDate.of(2024, 10, 14))).isTrue();
    assertThat(xnys.isSession(LocalDate.of(2024, 11, 11))).isTrue();
  }

  @Test
  void holidaysOnWeekendsMoveToTheNearestWeekday() {
    // July 4, 2020 was a Saturday: closed Friday the 3rd, open Monday the 6th.
    assertThat(xnys.isSession(LocalDate.of(2020, 7, 3))).isFalse();
    assertThat(xnys.isSession(LocalDate.of(2020, 7, 6))).isTrue();
    // Christmas 2022 was a Sunday: closed Monday the 26th, open Friday the 23rd.
    assertThat(xnys.isSession(LocalDate.of(2022, 12, 23))).isTrue();
    assertThat(xnys.isSession(LocalDate.of(2022, 12, 26))).isFalse();
  }

  @ParameterizedTest(name = "{0} is closed: {1}")
  @CsvSource({
    "1994-04-27, Day of mourning for President Richard Nixon",
    "2001-09-11, September 11 attacks",
    "2001-09-12, September 11 attacks",
    "2001-09-13, September 11 attacks",
    "2001-09-14, September 11 attacks",
    "2004-06-11, Day of mourning for President Ronald Reagan",
    "2007-01-02, Day of mourning for President Gerald Ford",
    "2012-10-29, Hurricane Sandy",
    "2012-10-30, Hurricane Sandy",
    "2018-12-05, Day of mourning for President George H. W. Bush",
    "2025-01-09, Day of mourning for President Jimmy Carter"
  })
  void unscheduledClosuresAreClosedAndNamed(LocalDate date, String reason) {
    assertThat(xnys.isSession(date)).isFalse();
    assertThat(xnys.findClosureReason(date)).contains(reason);
  }

  @Test
  void tradingResumedAfterEachUnscheduledClosure() {
    assertThat(xnys.nextSession(LocalDate.of(2001, 9, 10)).date()).isEqualTo(LocalDate.of(2001, 9, 17));
    assertThat(xnys.nextSession(LocalDate.of(2012, 10, 26)).date()).isEqualTo(LocalDate.of(2012, 10, 31));
    assertThat(xnys.nextSession(LocalDate.of(2025, 1, 8)).date()).isEqualTo(LocalDate.of(2025, 1, 10));
  }

  @ParameterizedTest(name = "{0} closes early at {1}")
  @CsvSource({
    // Before 1993 the early close was 14:00; the day after Thanksgiving became one in 1992.
    "1990-12-24, 14:00",
    "1991-12-24, 14:00",
    "1992-11-27, 14:00",
    "1992-12-24, 14:00",
    "1993-11-26, 13:00",
    // July 3 (Monday, Tuesday, Thursday) and, until 2012, the Friday July 5, from 1995
    "1995-07-03, 13:00",
    "1996-07-05, 13:00",
    "1997-07-03, 13:00",
    "2002-07-05, 13:00",
    "2008-07-03, 13:00",
    // one-off early closes
    "1997-12-26, 13:00",
    "1999-12-31, 13:00",
    "2003-12-26, 13:00",
    // from 2013 a Wednesday July 3 closes early instead of the Friday after
    "2013-07-03, 13:00",
    "2019-07-03, 13:00",
    "2020-11-27, 13:00",
    "2020-12-24, 13:00",
    "2023-07-03, 13:00",
    "2024-07-03, 13:00",
    "2024-11-29, 13:00",
    "2024-12-24, 13:00",
    "2025-07-03, 13:00",
    "2025-11-28, 13:00",
    "2025-12-24, 13:00",
    "2026-11-27, 13:00",
    "2026-12-24, 13:00",
    "2035-07-03, 13:00"
  })
  void earlyClosesCloseAtTheTimeOfTheirYear(LocalDate date, LocalTime close) {
    Session session = xnys.getSession(date);
    assertThat(session.earlyClose()).isTrue();
    assertThat(session.open()).isEqualTo(LocalTime.of(9, 30));
    assertThat(session.close()).isEqualTo(close);
  }

  @ParameterizedTest(name = "{0} is a full day")
  @ValueSource(strings = {
    "1990-11-23", // day after Thanksgiving before 1992
    "1991-11-29",
    "1994-07-01", // Friday before a Monday July 4: no early close
    "1991-07-03", // July 3 before 1995
    "2013-07-05", // the Friday after a Thursday July 4 since 2013
    "2019-07-05",
    "2008-12-26", // Friday after a Thursday Christmas: 1997 and 2003 were one-offs
    "2014-12-26",
    "2025-12-26",
    "2020-12-31", // New Year's Eve is a full day
    "2026-07-02" // Thursday before the Friday Independence Day holiday
  })
  void daysAroundHolidaysWithoutAnEarlyCloseAreFullDays(LocalDate date) {
    Session session = xnys.getSession(date);
    assertThat(session.earlyClose()).isFalse();
    assertThat(session.close()).isEqualTo(LocalTime.of(16, 0));
  }

  @Test
  void earlyClosesOf2024AreExactlyJulyThirdBlackFridayAndChristmasEve() {
    List<LocalDate> early = xnys.sessions(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)).stream()
        .filter(Session::earlyClose)
        .map(Session::date)
        .toList();
    assertThat(early).containsExactly(
        LocalDate.of(2024, 7, 3), LocalDate.of(2024, 11, 29), LocalDate.of(2024, 12, 24));
  }

  @Test
  void openAndCloseInstantsFollowNewYorkDaylightSavingTime() {
    // 2024: EDT from Sunday March 10 to Sunday November 3.
    assertSessionUtc("2024-03-08", "2024-03-08T14:30:00Z", "2024-03-08T21:00:00Z");
    assertSessionUtc("2024-03-11", "2024-03-11T13:30:00Z", "2024-03-11T20:00:00Z");
    assertSessionUtc("2024-11-01", "2024-11-01T13:30:00Z", "2024-11-01T20:00:00Z");
    assertSessionUtc("2024-11-04", "2024-11-04T14:30:00Z", "2024-11-04T21:00:00Z");
    // Early closes in summer and winter time.
    assertSessionUtc("2024-07-03", "2024-07-03T13:30:00Z", "2024-07-03T17:00:00Z");
    assertSessionUtc("2024-11-29", "2024-11-29T14:30:00Z", "2024-11-29T18:00:00Z");
    // Before 2007 summer time ran from the first Sunday of April to the last Sunday of October.
    assertSessionUtc("1990-03-30", "1990-03-30T14:30:00Z", "1990-03-30T21:00:00Z");
    assertSessionUtc("1990-04-02", "1990-04-02T13:30:00Z", "1990-04-02T20:00:00Z");
    assertSessionUtc("2006-10-27", "2006-10-27T13:30:00Z", "2006-10-27T20:00:00Z");
    assertSessionUtc("2006-10-30", "2006-10-30T14:30:00Z", "2006-10-30T21:00:00Z");
    assertSessionUtc("2007-03-09", "2007-03-09T14:30:00Z", "2007-03-09T21:00:00Z");
    assertSessionUtc("2007-03-12", "2007-03-12T13:30:00Z", "2007-03-12T20:00:00Z");
  }

  @Test
  void sessionsCarryTheExchangeZone() {
    assertThat(xnys.zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(xnys.getSession(LocalDate.of(2024, 7, 5)).zone()).isEqualTo(ZoneId.of("America/New_York"));
  }

  @ParameterizedTest(name = "{0} has {1} sessions")
  @CsvSource({
    "1990, 253",
    "1998, 252",
    "2001, 248",
    "2012, 250",
    "2018, 251",
    "2019, 252",
    "2020, 253",
    "2021, 252",
    "2022, 251",
    "2023, 250",
    "2024, 252",
    "2025, 250"
  })
  void sessionsPerYearMatchTheKnownCounts(int year, int sessions) {
    assertThat(xnys.sessionCount(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))).isEqualTo(sessions);
  }

  @Test
  void sessionCountFrom1990ToApril2016EqualsTheExchangeCalendarsAnswerKey() {
    // exchange_calendars' tests/resources/xnys.csv (a version ending 2016-04-06) lists 6618 sessions here.
    assertThat(xnys.sessionCount(LocalDate.of(1990, 1, 2), LocalDate.of(2016, 4, 6))).isEqualTo(6618);
  }

  @ParameterizedTest(name = "{0} is session number {1} from 1990-01-02")
  @CsvSource({
    // Positions read from the same answer key (its rows have a fixed width, so row n starts at a known offset).
    "1990-12-20, 247",
    "1991-12-11, 493",
    "1992-12-01, 739",
    "1993-11-19, 985",
    "1994-11-11, 1232",
    "1997-10-14, 1970",
    "1999-09-28, 2462",
    "2013-06-11, 5908",
    "2015-05-27, 6401"
  })
  void sessionsSitAtTheSamePositionsAsInTheExchangeCalendarsAnswerKey(LocalDate date, int position) {
    assertThat(xnys.isSession(date)).isTrue();
    assertThat(xnys.sessionCount(LocalDate.of(1990, 1, 2), date)).isEqualTo(position);
  }

  private void assertSessionUtc(String date, String open, String close) {
    Session session = xnys.getSession(LocalDate.parse(date));
    assertThat(session.openInstant()).isEqualTo(Instant.parse(open));
    assertThat(session.closeInstant()).isEqualTo(Instant.parse(close));
  }
}
