package io.aiinvest.datahub.testing;

import io.aiinvest.datahub.cli.DatahubCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;

/** Runs the real command line in-process and captures its exit code and output. */
public record CliRun(int exitCode, String out, String err) {

  public static CliRun run(Map<String, String> env, String... args) {
    return run(env, Clock.systemUTC(), args);
  }

  /** Runs with the given clock as "now", e.g. to fix the last completed session. */
  public static CliRun run(Map<String, String> env, Clock clock, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = DatahubCommand.commandLine(env, clock);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
