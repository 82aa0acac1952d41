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
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code datahub calendar is-session}: says whether an exchange trades on a date, and why not if it does not. */
@Command(
    name = "is-session",
    mixinStandardHelpOptions = true,
    description = {
      "Tells whether an exchange trades on a date, and if not, why.",
      "Prints the session's hours (noting an early close) or the holiday or closure that shuts the exchange.",
      "Exits 0 either way; use --format json to read the answer from a script."
    })
final class CalendarIsSessionCommand implements Callable<Integer> {

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  enum Format {
    TEXT,
    JSON
  }

  @Spec private CommandSpec spec;

  @ParentCommand private CalendarCommand parent;

  @Parameters(
      index = "0",
      paramLabel = "DATE",
      converter = DateConverter.class,
      description = "The date to look up (YYYY-MM-DD).")
  private LocalDate date;

  @Option(
      names = "--exchange",
      defaultValue = "XNYS",
      paramLabel = "CODE",
      description = "Exchange code or name (default: ${DEFAULT-VALUE}).")
  private String exchange;

  @Option(
      names = "--format",
      defaultValue = "TEXT",
      paramLabel = "FORMAT",
      description = "text or json (default: text).")
  private Format format;

  @Override
  public Integer call() {
    TradingCalendar calendar = parent.calendar(exchange, spec);
    PrintWriter out = spec.commandLine().getOut();
    try {
      Optional<Session> session = calendar.findSession(date);
      String reason = calendar.findClosureReason(date).orElse("");
      out.println(format == Format.JSON ? json(calendar, session, reason) : text(calendar, session, reason));
      out.flush();
      return CommandLine.ExitCode.OK;
    } catch (DatahubException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return CommandLine.ExitCode.SOFTWARE;
    }
  }

  private String text(TradingCalendar calendar, Optional<Session> found, String reason) {
    if (found.isEmpty()) {
      return date + " is not a session on " + calendar.code() + " (" + reason + ")";
    }
    Session session = found.get();
    String hours = session.earlyClose()
        ? "early close " + HH_MM.format(session.close())
        : HH_MM.format(session.open()) + "-" + HH_MM.format(session.close());
    return date + " is a session on " + calendar.code() + " (" + hours + ")";
  }

  private String json(TradingCalendar calendar, Optional<Session> found, String reason) {
    Object answer = found
        .<Object>map(s -> new SessionAnswer(
            date.toString(), calendar.code(), true, HH_MM.format(s.open()), HH_MM.format(s.close()), s.earlyClose()))
        .orElseGet(() -> new ClosedAnswer(date.toString(), calendar.code(), false, reason));
    try {
      return new ObjectMapper().writeValueAsString(answer);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write JSON", e);
    }
  }

  private record SessionAnswer(
      String date,
      String exchange,
      boolean session,
      String open,
      String close,
      @JsonProperty("early_close") boolean earlyClose) {}

  private record ClosedAnswer(String date, String exchange, boolean session, String reason) {}
}
