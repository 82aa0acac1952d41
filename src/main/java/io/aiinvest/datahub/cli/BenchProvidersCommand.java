package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.bench.ProviderBenchmark;
import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.domain.DatahubException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code datahub bench providers}. */
@Command(
    name = "providers",
    mixinStandardHelpOptions = true,
    description = {
        "Ingest overhead: ingests --symbols symbols x --days days through the hub's own path (provider registry",
        "'yahoo', ingest workflow, batched store writes) from a loopback replay server that answers Yahoo's chart API",
        "after --latency-ms, at --concurrency, into a scratch database on the configured server (needs CREATEDB),",
        "dropped afterwards. A warm-up round (cold JVM), then --rounds measured rounds, each on fresh symbols.",
        "overhead = 1 - ideal / actual wall time, ideal = requests x latency / concurrency: the share of wall time the",
        "hub spends other than waiting on the server (docs/performance.md).",
        "Ends with: overhead=<median of the measured rounds>  (target < 0.10)."
    })
final class BenchProvidersCommand implements Callable<Integer> {
  @ParentCommand BenchCommand bench;

  @Spec CommandSpec spec;

  @Option(names = "--symbols", defaultValue = "2000", description = "Symbols per round (default: ${DEFAULT-VALUE}).")
  int symbols;

  @Option(names = "--days", defaultValue = "365", description = "Calendar days per symbol (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--latency-ms", defaultValue = "50", description = "Server latency (default: ${DEFAULT-VALUE}).")
  int latencyMs;

  @Option(names = "--concurrency", defaultValue = "8", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Override
  public Integer call() {
    if (symbols < 1 || days < 1 || latencyMs < 1 || concurrency < 1 || rounds < 1) {
      throw new DatahubException("--symbols, --days, --latency-ms, --concurrency and --rounds must be >= 1");
    }
    var config = bench.root.config();
    if (!(config.db() instanceof DbTarget.Postgres server)) {
      throw new DatahubException("bench providers on " + config.db().describe() + " is not available in this build");
    }
    var out = spec.commandLine().getOut();
    ProviderBenchmark.Result result = new ProviderBenchmark(server, config, out)
        .run(symbols, days, Duration.ofMillis(latencyMs), concurrency, rounds);
    out.println(String.format(Locale.ROOT, "symbols_per_s=%.1f cold_overhead=%.3f",
        result.median().symbolsPerSecond(), result.cold().overhead()));
    out.println(String.format(Locale.ROOT, "overhead=%.3f", result.median().overhead()));
    return result.failed() == 0 ? 0 : 1;
  }
}
