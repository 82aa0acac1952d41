package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.calendar.Session;
import io.aiinvest.datahub.calendar.TradingCalendar;
import io.aiinvest.datahub.domain.DatahubException;
import java.io.PrintWriter;
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
      defaultValue = "CSV",
      paramLabel = "FORMAT",
      description = "csv (date,open,close), json (adds early_close) or table (default: csv).")
  private OutputFormat format;

  @Override
  public Integer call() {
    if (from.isAfter(to)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--from " + from + " is after --to " + to);
    }
    TradingCalendar calendar = parent.calendar(exchange, spec);
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<Session> sessions = calendar.sessions(from, to);
      rows(sessions).print(out, format);
      if (format == OutputFormat.TABLE) {
        out.printf(
            "%d session%s on %s, times in %s%n",
            sessions.size(),
            sessions.size() == 1 ? "" : "s",
            calendar.code(),
            calendar.zone());
        out.flush();
      }
      return CommandLine.ExitCode.OK;
    } catch (DatahubException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return CommandLine.ExitCode.SOFTWARE;
    }
  }

  /** CSV keeps to the three columns the issue fixes; JSON and the table also say which days close early. */
  private Rows rows(List<Session> sessions) {
    boolean csv = format == OutputFormat.CSV;
    Rows rows = new Rows(csv ? List.of("date", "open", "close") : List.of("date", "open", "close", "early_close"));
    for (Session session : sessions) {
      String date = session.date().toString();
      String open = HH_MM.format(session.open());
      String close = HH_MM.format(session.close());
      if (csv) {
        rows.add(date, open, close);
      } else if (format == OutputFormat.JSON) {
        rows.add(date, open, close, session.earlyClose());
      } else {
        rows.add(date, open, close, session.earlyClose() ? "yes" : "");
      }
    }
    return rows;
  }
}
