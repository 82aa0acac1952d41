package io.aiinvest.datahub.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real daily bars as an oracle: SPY trades on every NYSE session and on no other day, so the dates of its history
 * must be exactly the calendar's sessions over the span (files and provenance in src/test/resources/sample-eod).
 */
class XnysCalendarSampleDataTest {

  private final TradingCalendar xnys = CalendarRegistry.loadBundled().get("XNYS");

  @ParameterizedTest(name = "{0}: {1}..{2}, {3} sessions")
  @CsvSource({
    "sample-eod/vintage-2020-03/SPY.csv, 2019-01-02, 2020-03-26, 311",
    "sample-eod/SPY.csv, 2020-08-10, 2025-08-08, 1256"
  })
  void sessionsEqualTheDatesOfSpyDailyBars(String resource, LocalDate first, LocalDate last, int rows)
      throws IOException {
    List<LocalDate> barDates = barDates(resource);
    assertThat(barDates).hasSize(rows);
    assertThat(barDates.get(0)).isEqualTo(first);
    assertThat(barDates.get(barDates.size() - 1)).isEqualTo(last);

    List<LocalDate> sessionDates = xnys.sessions(first, last).stream().map(Session::date).toList();

    assertThat(sessionDates).containsExactlyElementsOf(barDates);
  }

  /** The first column, cut to its date: {@code 2020-08-10 00:00:00-04:00} or {@code 2019-01-02}. */
  private static List<LocalDate> barDates(String resource) throws IOException {
    try (InputStream in = XnysCalendarSampleDataTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .skip(1)
          .filter(line -> !line.isBlank())
          .map(line -> LocalDate.parse(line.substring(0, 10)))
          .toList();
    }
  }
}
