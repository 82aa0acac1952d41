package io.aiinvest.datahub.cli;

import picocli.CommandLine.Command;

/** {@code datahub bench}: performance checks that measure their own baseline in the same run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Benchmarks. Each measures a baseline in the same run (this machine may be shared and noisy) and ends with",
        "one line of name=value results."
    },
    subcommands = {BenchIngestCommand.class, BenchProvidersCommand.class, BenchQualityCommand.class})
final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.ParentCommand DatahubCommand root;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
