package io.aiinvest.datahub.calendar;

import io.aiinvest.datahub.domain.DatahubException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The trading sessions of one exchange: which days it trades, and when it opens and closes on each, in its local
 * time. Built once from an {@link ExchangeDefinition}; immutable and safe to share between threads.
 *
 * <p>Every query must lie within the definition's coverage: outside it the calendar does not know the exchange's
 * closures, and answering anyway would make missing bars look complete (or the reverse), so it throws instead.
 */
public final class TradingCalendar {

  private final ExchangeDefinition definition;
  private final boolean weekdayFallback;
  private final NavigableMap<LocalDate, Session> sessions;
  private final Map<LocalDate, String> closures;

  private TradingCalendar(ExchangeDefinition definition, boolean weekdayFallback) {
    this.definition = definition;
    this.weekdayFallback = weekdayFallback;
    Map<LocalDate, String> closed = new HashMap<>();
    Map<LocalDate, LocalTime> early = new HashMap<>();
    // One year either side, so that a rule whose observed day crosses New Year still lands inside the coverage.
    for (int year = definition.coverageFrom().getYear() - 1; year <= definition.coverageTo().getYear() + 1; year++) {
      for (AnnualRule holiday : definition.holidays()) {
        holiday.dayIn(year).ifPresent(day -> closed.putIfAbsent(day, holiday.name()));
      }
      for (EarlyCloseRule rule : definition.earlyCloses()) {
        rule.day().dayIn(year).ifPresent(day -> early.merge(day, rule.close(), TradingCalendar::earlier));
      }
    }
    for (SpecialClosure closure : definition.specialClosures()) {
      if (definition.weekend().contains(closure.date().getDayOfWeek())) {
        throw new DatahubException(
            definition.code() + ": special closure " + closure.date() + " (" + closure.name() + ") is on a weekend");
      }
      closed.put(closure.date(), closure.name());
    }
    for (SpecialEarlyClose special : definition.specialEarlyCloses()) {
      if (definition.weekend().contains(special.date().getDayOfWeek()) || closed.containsKey(special.date())) {
        throw new DatahubException(
            definition.code() + ": special early close " + special.date() + " (" + special.name()
                + ") is on a day the exchange is closed");
      }
      early.merge(special.date(), special.close(), TradingCalendar::earlier);
    }
    NavigableMap<LocalDate, Session> byDate = new TreeMap<>();
    for (LocalDate day = definition.coverageFrom();
        !day.isAfter(definition.coverageTo());
        day = day.plusDays(1)) {
      if (definition.weekend().contains(day.getDayOfWeek()) || closed.containsKey(day)) {
        continue;
      }
      LocalTime earlyClose = early.get(day);
      byDate.put(
          day,
          new Session(
              day,
              definition.open(),
              earlyClose == null ? definition.close() : earlyClose,
              earlyClose != null,
              definition.zone()));
    }
    this.sessions = Collections.unmodifiableNavigableMap(byDate);
    this.closures = Map.copyOf(closed);
  }

  /** The calendar an exchange's definition describes. */
  public static TradingCalendar of(ExchangeDefinition definition) {
    return new TradingCalendar(definition, false);
  }

  /** Monday to Friday, 09:30 to 16:00 in {@code zone}: for symbols whose exchange has no calendar. */
  public static TradingCalendar weekdayFallback(ZoneId zone) {
    return new TradingCalendar(ExchangeDefinition.weekdays(zone), true);
  }

  public String code() {
    return definition.code();
  }

  public String name() {
    return definition.name();
  }

  public ZoneId zone() {
    return definition.zone();
  }

  /** True when this is not a real exchange calendar but the Monday-to-Friday stand-in: holidays are not known. */
  public boolean isWeekdayFallback() {
    return weekdayFallback;
  }

  public LocalDate coverageFrom() {
    return definition.coverageFrom();
  }

  public LocalDate coverageTo() {
    return definition.coverageTo();
  }

  public boolean covers(LocalDate date) {
    return !date.isBefore(coverageFrom()) && !date.isAfter(coverageTo());
  }

  public boolean isSession(LocalDate date) {
    requireCovered(date);
    return sessions.containsKey(date);
  }

  public Optional<Session> findSession(LocalDate date) {
    requireCovered(date);
    return Optional.ofNullable(sessions.get(date));
  }

  /** The session on {@code date}; throws when the exchange does not trade that day. */
  public Session getSession(LocalDate date) {
    return findSession(date)
        .orElseThrow(
            () -> new DatahubException(
                date + " is not a session on " + code() + " (" + findClosureReason(date).orElse("closed") + ")"));
  }

  /**
   * Why the exchange does not trade on {@code date}: {@code "weekend"} or the holiday or closure name; empty when
   * the date is a session.
   */
  public Optional<String> findClosureReason(LocalDate date) {
    requireCovered(date);
    if (sessions.containsKey(date)) {
      return Optional.empty();
    }
    if (definition.weekend().contains(date.getDayOfWeek())) {
      return Optional.of("weekend");
    }
    return Optional.of(closures.getOrDefault(date, "closed"));
  }

  /** Sessions from {@code from} to {@code to}, both inclusive, oldest first. */
  public List<Session> sessions(LocalDate from, LocalDate to) {
    return List.copyOf(range(from, to).values());
  }

  /** How many sessions there are from {@code from} to {@code to}, both inclusive. */
  public int sessionCount(LocalDate from, LocalDate to) {
    return range(from, to).size();
  }

  /** The first session strictly after {@code date}. */
  public Session nextSession(LocalDate date) {
    requireCovered(date);
    Map.Entry<LocalDate, Session> next = sessions.higherEntry(date);
    if (next == null) {
      throw new DatahubException(
          code() + " calendar has no session after " + date + ": it covers " + coverageFrom() + ".." + coverageTo());
    }
    return next.getValue();
  }

  /** The last session strictly before {@code date}. */
  public Session previousSession(LocalDate date) {
    requireCovered(date);
    Map.Entry<LocalDate, Session> previous = sessions.lowerEntry(date);
    if (previous == null) {
      throw new DatahubException(
          code() + " calendar has no session before " + date + ": it covers " + coverageFrom() + ".." + coverageTo());
    }
    return previous.getValue();
  }

  /**
   * The latest session whose close has passed at the clock's instant, judged in exchange time: during a session,
   * or before it opens, that is the previous session. A close exactly at the instant counts as passed.
   */
  public Session lastCompletedSession(Clock clock) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone());
    requireCovered(today);
    Map.Entry<LocalDate, Session> candidate = sessions.floorEntry(today);
    while (candidate != null && candidate.getValue().closeInstant().isAfter(now)) {
      candidate = sessions.lowerEntry(candidate.getKey());
    }
    if (candidate == null) {
      throw new DatahubException(code() + " calendar has no completed session before " + now);
    }
    return candidate.getValue();
  }

  private NavigableMap<LocalDate, Session> range(LocalDate from, LocalDate to) {
    requireCovered(from);
    requireCovered(to);
    if (from.isAfter(to)) {
      throw new DatahubException("date range is empty: from " + from + " is after to " + to);
    }
    return sessions.subMap(from, true, to, true);
  }

  private void requireCovered(LocalDate date) {
    if (!covers(date)) {
      throw new DatahubException(
          code() + " calendar covers " + coverageFrom() + ".." + coverageTo() + "; " + date + " is outside it");
    }
  }

  private static LocalTime earlier(LocalTime a, LocalTime b) {
    return a.isBefore(b) ? a : b;
  }

  @Override
  public String toString() {
    return "TradingCalendar[" + code() + (weekdayFallback ? ", weekday fallback, " : ", ") + zone() + "]";
  }
}
