package io.aiinvest.datahub.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.domain.DateRange;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SessionCoverageTest {
  private static final TradingCalendar XNYS = CalendarRegistry.loadBundled().get("XNYS");

  private static List<LocalDate> dates(String... dates) {
    return Stream.of(dates).map(LocalDate::parse).toList();
  }

  private static DateRange range(String from, String to) {
    return DateRange.of(LocalDate.parse(from), LocalDate.parse(to));
  }

  @Test
  void sessionsWithoutBarAreMissingAndHolidaysAndWeekendsAreNot() {
    // 2024-07-01..07-08: sessions 1, 2, 3 (early close), 5, 8; the 4th is Independence Day.
    SessionCoverage coverage = SessionCoverage.compare(XNYS, Optional.of(range("2024-07-01", "2024-07-08")),
        dates("2024-07-01", "2024-07-03", "2024-07-08"));

    assertThat(coverage.expectedSessions()).isEqualTo(5);
    assertThat(coverage.missing()).isEqualTo(dates("2024-07-02", "2024-07-05"));
    assertThat(coverage.nonSessions()).isEmpty();
    assertThat(coverage.complete()).isFalse();
  }

  @Test
  void barsOnHolidaysAndWeekendsAreNonSessionsWhereverTheyAre() {
    SessionCoverage coverage = SessionCoverage.compare(XNYS, Optional.of(range("2024-07-01", "2024-07-03")),
        dates("2024-07-01", "2024-07-02", "2024-07-03", "2024-07-04", "2024-07-06", "2024-12-25"));

    assertThat(coverage.missing()).isEmpty();
    assertThat(coverage.nonSessions()).isEqualTo(dates("2024-07-04", "2024-07-06", "2024-12-25"));
  }

  @Test
  void withoutWindowOnlyNonSessionsAreLookedFor() {
    SessionCoverage coverage = SessionCoverage.compare(XNYS, Optional.empty(), dates("2024-07-04"));

    assertThat(coverage.expectedSessions()).isZero();
    assertThat(coverage.missing()).isEmpty();
    assertThat(coverage.nonSessions()).isEqualTo(dates("2024-07-04"));
  }

  @Test
  void barsBeforeTheCalendarsCoverageAreNotJudged() {
    SessionCoverage coverage = SessionCoverage.compare(XNYS, Optional.empty(), dates("1985-07-04"));

    assertThat(coverage.complete()).isTrue();
  }

  @Test
  void consecutiveSessionsFormOneRunAcrossWeekendsAndHolidays() {
    List<DateRange> runs = SessionCoverage.runs(XNYS,
        dates("2024-02-05", "2024-03-11", "2024-03-12", "2024-03-13", "2024-07-03", "2024-07-05", "2024-07-08",
            "2024-07-10"));

    assertThat(runs).containsExactly(
        range("2024-02-05", "2024-02-05"),
        range("2024-03-11", "2024-03-13"),
        range("2024-07-03", "2024-07-08"),
        range("2024-07-10", "2024-07-10"));
  }

  @Test
  void noSessionsMakeNoRuns() {
    assertThat(SessionCoverage.runs(XNYS, List.of())).isEmpty();
  }
}
