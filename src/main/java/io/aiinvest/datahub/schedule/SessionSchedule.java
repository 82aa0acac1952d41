package io.aiinvest.datahub.schedule;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import io.aiinvest.datahub.calendar.TradingCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A db-scheduler {@link Schedule} that fires at one wall-clock time in the calendar's zone on the calendar's sessions
 * only: 18:00 New York stays 18:00 New York across both daylight-saving changes, and weekends and holidays are
 * skipped. The next time is always computed from when the previous execution finished, so a slot missed while no
 * worker ran is made up once, not once per missed day (see docs/worker.md, "Misfire policy").
 */
public final class SessionSchedule implements Schedule {
  private static final Logger LOG = LoggerFactory.getLogger(SessionSchedule.class);

  private final TradingCalendar calendar;
  private final LocalTime time;

  public SessionSchedule(TradingCalendar calendar, LocalTime time) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.time = Objects.requireNonNull(time, "time");
  }

  /**
   * The first slot strictly after {@code instant}; {@link Schedule#NEVER} once the calendar has no further session,
   * which the worker logs as an error naming the calendar's coverage.
   */
  public Instant nextAfter(Instant instant) {
    LocalDate date = LocalDate.ofInstant(instant, calendar.zone());
    for (; calendar.covers(date); date = date.plusDays(1)) {
      if (calendar.isSession(date)) {
        // A time inside a spring-forward gap moves forward by the gap's length, as ZonedDateTime does.
        Instant slot = ZonedDateTime.of(date, time, calendar.zone()).toInstant();
        if (slot.isAfter(instant)) {
          return slot;
        }
      }
    }
    LOG.error("the {} calendar has no session after {}: it covers {}..{}; no further run is scheduled at {}",
        calendar.code(), instant, calendar.coverageFrom(), calendar.coverageTo(), time);
    return NEVER;
  }

  /**
   * The latest slot at or before {@code instant}: the slot an execution belongs to even when it runs late (caught up
   * after downtime, retried, or taken over from a dead worker). Empty before the calendar's first session.
   */
  public Optional<Instant> slotAtOrBefore(Instant instant) {
    for (LocalDate date = LocalDate.ofInstant(instant, calendar.zone()); calendar.covers(date);
        date = date.minusDays(1)) {
      if (calendar.isSession(date)) {
        Instant slot = ZonedDateTime.of(date, time, calendar.zone()).toInstant();
        if (!slot.isAfter(instant)) {
          return Optional.of(slot);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Instant getNextExecutionTime(ExecutionComplete executionComplete) {
    return nextAfter(executionComplete.getTimeDone());
  }

  @Override
  public boolean isDeterministic() {
    return true;
  }

  @Override
  public String toString() {
    return time + " " + calendar.zone() + " on " + calendar.code() + " sessions";
  }
}
