package io.aiinvest.datahub.testing;

import io.aiinvest.datahub.cli.DatahubCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the real {@code datahub} command line in-process with a given environment and captures what it prints. */
public final class HubCli {
  private final Map<String, String> env;
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  public HubCli(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Runs one command with fresh output buffers; returns its exit code. */
  public int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = DatahubCommand.commandLine(env);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  public String out() {
    return out.toString();
  }

  public String err() {
    return err.toString();
  }
}
