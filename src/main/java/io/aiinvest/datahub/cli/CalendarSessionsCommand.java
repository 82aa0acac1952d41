package io.aiinvest.datahub.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.calendar.Session;
import io.aiinvest.datahub.calendar.TradingCalendar;
import io.aiinvest.datahub.domain.DatahubException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code datahub calendar sessions}: lists the sessions of an exchange between two dates. */
@Command(
    name = "sessions",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the trading sessions of an exchange from one date to another, both inclusive.",
      "Open and close are in exchange local time; early closes show their shortened close."
    })
final class CalendarSessionsCommand implements Callable<Integer> {

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  /** Lower-case constants, because picocli matches option values to enum names and users type lower case. */
  enum Format {
    csv,
    json,
    table
  }

  @Spec private CommandSpec spec;

  @ParentCommand private CalendarCommand parent;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "DATE",
      converter = DateConverter.class,
      description = "First date (YYYY-MM-DD).")
  private LocalDate from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DATE",
      converter = DateConverter.class,
      description = "Last date (YYYY-MM-DD).")
  private LocalDate to;

  @Option(
      names = "--exchange",
      defaultValue = "XNYS",
      paramLabel = "CODE",
      description = "Exchange code or name (default: ${DEFAULT-VALUE}).")
  private String exchange;

  @Option(
      names = "--format",
      defaultValue = "csv",
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private Format format;

  @Override
  public Integer call() {
    if (from.isAfter(to)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--from " + from + " is after --to " + to);
    }
    TradingCalendar calendar = parent.calendar(exchange, spec);
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<Session> sessions = calendar.sessions(from, to);
      switch (format) {
        case csv -> printCsv(out, sessions);
        case json -> printJson(out, sessions);
        case table -> printTable(out, calendar, sessions);
      }
      out.flush();
      return CommandLine.ExitCode.OK;
    } catch (DatahubException e) {
      spec.commandLine().getErr().println("calendar sessions: " + e.getMessage());
      return CommandLine.ExitCode.SOFTWARE;
    }
  }

  private static void printCsv(PrintWriter out, List<Session> sessions) {
    out.println("date,open,close");
    for (Session session : sessions) {
      out.println(session.date() + "," + HH_MM.format(session.open()) + "," + HH_MM.format(session.close()));
    }
  }

  /** One object per line inside the array: easy to read, to diff and to stream. */
  private static void printJson(PrintWriter out, List<Session> sessions) {
    ObjectMapper mapper = new ObjectMapper();
    out.print("[");
    for (int i = 0; i < sessions.size(); i++) {
      Session session = sessions.get(i);
      out.print(i == 0 ? "\n  " : ",\n  ");
      out.print(json(mapper, new SessionJson(
          session.date().toString(),
          HH_MM.format(session.open()),
          HH_MM.format(session.close()),
          session.earlyClose())));
    }
    out.println(sessions.isEmpty() ? "]" : "\n]");
  }

  private static void printTable(PrintWriter out, TradingCalendar calendar, List<Session> sessions) {
    out.println("date        open   close  early close");
    for (Session session : sessions) {
      String line = session.date() + "  " + HH_MM.format(session.open()) + "  " + HH_MM.format(session.close())
          + (session.earlyClose() ? "  yes" : "");
      out.println(line);
    }
    out.printf(
        "%d session%s on %s, times in %s%n",
        sessions.size(),
        sessions.size() == 1 ? "" : "s",
        calendar.code(),
        calendar.zone());
  }

  private static String json(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write JSON", e);
    }
  }

  private record SessionJson(
      String date, String open, String close, @JsonProperty("early_close") boolean earlyClose) {}
}
