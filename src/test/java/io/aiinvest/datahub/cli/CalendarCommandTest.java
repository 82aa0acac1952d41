package io.aiinvest.datahub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CalendarCommandTest {

  private final CalendarRegistry registry = CalendarRegistry.loadBundled();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Wired as {@link DatahubCommand#commandLine} wires the hub's commands: enum values in any case. */
  private int run(String... args) {
    CommandLine cli = new CommandLine(new CalendarCommand(registry));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void sessionsPrintsCsvWithLocalOpenAndCloseTimes() {
    int exit = run("sessions", "--from", "2024-07-01", "--to", "2024-07-08");

    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualToNormalizingNewlines("""
        date,open,close
        2024-07-01,09:30,16:00
        2024-07-02,09:30,16:00
        2024-07-03,09:30,13:00
        2024-07-05,09:30,16:00
        2024-07-08,09:30,16:00
        """);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void sessionsPrintsJsonWithTheEarlyCloseFlag() {
    int exit = run("sessions", "--from", "2024-11-28", "--to", "2024-12-02", "--format", "json");

    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualToNormalizingNewlines(
        "[{\"date\":\"2024-11-29\",\"open\":\"09:30\",\"close\":\"13:00\",\"early_close\":true},"
            + "{\"date\":\"2024-12-02\",\"open\":\"09:30\",\"close\":\"16:00\",\"early_close\":false}]\n");
  }

  @Test
  void sessionsPrintsAnEmptyJsonArrayWhenThereAreNone() {
    assertThat(run("sessions", "--from", "2024-07-06", "--to", "2024-07-07", "--format", "json")).isZero();
    assertThat(out.toString()).isEqualToNormalizingNewlines("[]\n");
  }

  @Test
  void sessionsPrintsATableForPeople() {
    int exit = run("sessions", "--from", "2024-12-23", "--to", "2024-12-26", "--exchange", "nasdaq",
        "--format", "table");

    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualToNormalizingNewlines("""
        date        open   close  early_close
        ----------  -----  -----  -----------
        2024-12-23  09:30  16:00 \s
        2024-12-24  09:30  13:00  yes
        2024-12-26  09:30  16:00 \s
        3 sessions on XNYS, times in America/New_York
        """);
  }

  @Test
  void isSessionNamesTheHolidayOfAClosedDayAndExitsZero() {
    assertThat(run("is-session", "2024-07-04")).isZero();
    assertThat(out.toString()).isEqualToNormalizingNewlines("2024-07-04 is not a session on XNYS (Independence Day)\n");
  }

  @Test
  void isSessionNotesAnEarlyClose() {
    assertThat(run("is-session", "2024-07-03", "--exchange", "NYSE")).isZero();
    assertThat(out.toString()).isEqualToNormalizingNewlines("2024-07-03 is a session on XNYS (early close 13:00)\n");
  }

  @Test
  void isSessionGivesTheHoursOfARegularDay() {
    assertThat(run("is-session", "2024-07-05")).isZero();
    assertThat(out.toString()).isEqualToNormalizingNewlines("2024-07-05 is a session on XNYS (09:30-16:00)\n");
  }

  @Test
  void isSessionSaysWeekendForSaturday() {
    assertThat(run("is-session", "2024-07-06")).isZero();
    assertThat(out.toString()).isEqualToNormalizingNewlines("2024-07-06 is not a session on XNYS (weekend)\n");
  }

  @Test
  void isSessionAnswersInJson() {
    assertThat(run("is-session", "2025-01-09", "--format", "json")).isZero();
    assertThat(out.toString()).isEqualToNormalizingNewlines(
        "{\"date\":\"2025-01-09\",\"exchange\":\"XNYS\",\"session\":false,"
            + "\"reason\":\"Day of mourning for President Jimmy Carter\"}\n");

    out.getBuffer().setLength(0);
    assertThat(run("is-session", "2025-12-24", "--format", "json")).isZero();
    assertThat(out.toString()).isEqualToNormalizingNewlines(
        "{\"date\":\"2025-12-24\",\"exchange\":\"XNYS\",\"session\":true,\"open\":\"09:30\",\"close\":\"13:00\","
            + "\"early_close\":true}\n");
  }

  @Test
  void aBadDateIsAUsageErrorThatSaysWhichFormatToUse() {
    int exit = run("sessions", "--from", "2024-13-01", "--to", "2024-12-31");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("'2024-13-01' is not a date: use YYYY-MM-DD, e.g. 2024-07-03")
        .contains("Usage:");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aRangeEndingBeforeItStartsIsAUsageError() {
    assertThat(run("sessions", "--from", "2024-12-31", "--to", "2024-01-01")).isEqualTo(2);
    assertThat(err.toString()).contains("--from 2024-12-31 is after --to 2024-01-01");
  }

  @Test
  void anUnknownExchangeIsAUsageErrorNamingTheKnownOnes() {
    assertThat(run("is-session", "2024-07-04", "--exchange", "XTSE")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown exchange 'XTSE': known calendars are XNYS");
  }

  @Test
  void aDateOutsideTheCalendarCoverageFailsWithExitOne() {
    assertThat(run("is-session", "2040-01-02")).isEqualTo(1);
    assertThat(err.toString()).isEqualToNormalizingNewlines(
        "error: XNYS calendar covers 1990-01-01..2035-12-31; 2040-01-02 is outside it\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void withoutASubcommandItShowsUsageAndExitsTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: calendar").contains("sessions").contains("is-session");
  }

  @Test
  void helpDescribesTheOptions() {
    assertThat(run("sessions", "--help")).isZero();
    assertThat(out.toString())
        .contains("--from=DATE")
        .contains("--format=FORMAT")
        .contains("csv (date,open,close), json (adds early_close) or table")
        .contains("default: XNYS");
  }

  @Test
  void formatsMayBeGivenInUpperCase() {
    assertThat(run("is-session", "2024-07-05", "--format", "JSON")).isZero();
    assertThat(out.toString()).startsWith("{\"date\":\"2024-07-05\"");
  }

  @Test
  void theDefaultConstructorLoadsTheBundledCalendarsAndTheDefaultFormatsNeedNoCaseSetting() {
    CommandLine cli = new CommandLine(new CalendarCommand());
    cli.setOut(new PrintWriter(out, true));
    assertThat(cli.execute("is-session", "2022-06-20")).isZero();
    assertThat(cli.execute("sessions", "--from", "2022-06-17", "--to", "2022-06-21")).isZero();
    assertThat(out.toString()).isEqualToNormalizingNewlines("""
        2022-06-20 is not a session on XNYS (Juneteenth National Independence Day)
        date,open,close
        2022-06-17,09:30,16:00
        2022-06-21,09:30,16:00
        """);
  }
}
