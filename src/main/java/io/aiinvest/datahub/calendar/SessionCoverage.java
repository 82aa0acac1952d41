package io.aiinvest.datahub.calendar;

import io.aiinvest.datahub.domain.DateRange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a symbol's bar dates compare with its calendar: the sessions of the expected window that have no bar, and the
 * bars dated on days the exchange did not trade.
 *
 * @param window the expected window the missing sessions were looked for in; empty when none is expected
 * @param expectedSessions how many sessions the window holds
 * @param missing sessions of the window without a bar, oldest first
 * @param nonSessions bar dates the calendar covers that are not sessions (weekends, holidays), oldest first; bars
 *     outside the calendar's coverage are not judged
 */
public record SessionCoverage(
    Optional<DateRange> window, int expectedSessions, List<LocalDate> missing, List<LocalDate> nonSessions) {

  public SessionCoverage {
    missing = List.copyOf(missing);
    nonSessions = List.copyOf(nonSessions);
  }

  /**
   * Compares bar dates with the calendar.
   *
   * @param window the closed range whose sessions must all have bars, from {@link SymbolSessions#expectedWindow}
   * @param barDates the dates to compare, sorted; every one the calendar covers is checked for being a session
   */
  public static SessionCoverage compare(
      TradingCalendar calendar, Optional<DateRange> window, Collection<LocalDate> barDates) {
    List<LocalDate> nonSessions = new ArrayList<>();
    for (LocalDate date : barDates) {
      if (calendar.covers(date) && !calendar.isSession(date)) {
        nonSessions.add(date);
      }
    }
    if (window.isEmpty()) {
      return new SessionCoverage(window, 0, List.of(), nonSessions);
    }
    Set<LocalDate> present = new HashSet<>(barDates);
    List<Session> sessions = calendar.sessions(window.get().from().orElseThrow(), window.get().to().orElseThrow());
    List<LocalDate> missing = new ArrayList<>();
    for (Session session : sessions) {
      if (!present.contains(session.date())) {
        missing.add(session.date());
      }
    }
    return new SessionCoverage(window, sessions.size(), missing, nonSessions);
  }

  public boolean complete() {
    return missing.isEmpty() && nonSessions.isEmpty();
  }

  /**
   * Groups sessions into runs of consecutive sessions (no other session between two neighbours), each as the closed
   * range from its first to its last session, so that one fetch covers a run.
   *
   * @param sessions sessions of {@code calendar}, sorted
   */
  public static List<DateRange> runs(TradingCalendar calendar, List<LocalDate> sessions) {
    List<DateRange> runs = new ArrayList<>();
    LocalDate start = null;
    LocalDate previous = null;
    for (LocalDate session : sessions) {
      if (previous != null && !calendar.nextSession(previous).date().equals(session)) {
        runs.add(DateRange.of(start, previous));
        start = null;
      }
      if (start == null) {
        start = session;
      }
      previous = session;
    }
    if (start != null) {
      runs.add(DateRange.of(start, previous));
    }
    return runs;
  }
}
