package io.aiinvest.datahub.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.TradingCalendar;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The daily slots: New York wall-clock time, sessions only. */
class SessionScheduleTest {
  private static final TradingCalendar XNYS = CalendarRegistry.loadBundled().get("XNYS");
  private final SessionSchedule at18 = new SessionSchedule(XNYS, LocalTime.of(18, 0));

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  @Test
  void staysAt18NewYorkAcrossTheSpringForward() {
    // Friday 8 March 2024 18:00 EST is 23:00Z; clocks go forward on Sunday 10 March; Monday 18:00 EDT is 22:00Z.
    assertThat(at18.nextAfter(at("2024-03-08T20:00:00Z"))).isEqualTo(at("2024-03-08T23:00:00Z"));
    assertThat(at18.nextAfter(at("2024-03-08T23:00:00Z"))).isEqualTo(at("2024-03-11T22:00:00Z"));
  }

  @Test
  void staysAt18NewYorkAcrossTheFallBack() {
    // Friday 1 November 2024 18:00 EDT is 22:00Z; clocks go back on Sunday 3 November; Monday 18:00 EST is 23:00Z.
    assertThat(at18.nextAfter(at("2024-11-01T22:00:00Z"))).isEqualTo(at("2024-11-04T23:00:00Z"));
  }

  @Test
  void skipsHolidaysAndWeekends() {
    // Wednesday 3 July 2024 -> Independence Day (Thursday) skipped -> Friday 5 July.
    assertThat(at18.nextAfter(at("2024-07-03T22:00:00Z"))).isEqualTo(at("2024-07-05T22:00:00Z"));
    // Thursday 28 March 2024 -> Good Friday and the weekend skipped -> Monday 1 April.
    assertThat(at18.nextAfter(at("2024-03-28T22:00:00Z"))).isEqualTo(at("2024-04-01T22:00:00Z"));
  }

  @Test
  void firesOnEarlyCloseDays() {
    // Friday 29 November 2024 closes at 13:00 but is a session: the 18:00 slot stands.
    assertThat(at18.nextAfter(at("2024-11-28T12:00:00Z"))).isEqualTo(at("2024-11-29T23:00:00Z"));
  }

  @Test
  void nextTimeIsCountedFromWhenTheExecutionFinishedSoMissedSlotsAreMadeUpOnce() {
    // The Monday 11 March slot ran late, on Wednesday at 10:00 New York: the next slot is Wednesday's, not Tuesday's.
    ExecutionComplete late = ExecutionComplete.simulatedSuccess(at("2024-03-13T14:00:00Z"));
    assertThat(at18.getNextExecutionTime(late)).isEqualTo(at("2024-03-13T22:00:00Z"));
    assertThat(at18.isDeterministic()).isTrue();
  }

  @Test
  void lateExecutionsBelongToTheLatestSlotBeforeThem() {
    assertThat(at18.slotAtOrBefore(at("2024-03-11T22:00:00Z"))).contains(at("2024-03-11T22:00:00Z"));
    assertThat(at18.slotAtOrBefore(at("2024-03-11T22:01:00Z"))).contains(at("2024-03-11T22:00:00Z"));
    // Saturday 9 March: the latest slot is Friday's, before the spring-forward.
    assertThat(at18.slotAtOrBefore(at("2024-03-09T15:00:00Z"))).contains(at("2024-03-08T23:00:00Z"));
  }

  @Test
  void configuredTimesAreWallClockTimes() {
    SessionSchedule early = new SessionSchedule(XNYS, LocalTime.of(6, 30));
    assertThat(early.nextAfter(at("2024-03-11T00:00:00Z"))).isEqualTo(at("2024-03-11T10:30:00Z"));
    assertThat(early.nextAfter(at("2024-01-08T00:00:00Z"))).isEqualTo(at("2024-01-08T11:30:00Z"));
  }

  @Test
  void endsWhenTheCalendarEnds() {
    assertThat(at18.nextAfter(at("2035-12-31T23:00:00Z"))).isEqualTo(Schedule.NEVER);
  }
}
