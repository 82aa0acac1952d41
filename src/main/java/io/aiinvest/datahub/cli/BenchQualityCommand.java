package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.bench.QualityBenchmark;
import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.domain.DatahubException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code datahub bench quality}. */
@Command(
    name = "quality",
    mixinStandardHelpOptions = true,
    description = {
        "Data-quality suite speed: loads synthetic bars into a scratch database on the configured server (needs",
        "CREATEDB, dropped afterwards), runs every check over full history, and times one plain SQL window query",
        "(per symbol, mean and sample standard deviation of daily log returns over a 60-row frame, counting",
        "|z| > 5) before and after it.",
        "Ends with: ratio_suite=<suite time / mean query time>  (target <= 2.0)."
    })
final class BenchQualityCommand implements Callable<Integer> {
  @ParentCommand BenchCommand bench;

  @Spec CommandSpec spec;

  @Option(names = "--bars", defaultValue = "5000000", description = "Bars in all (default: ${DEFAULT-VALUE}).")
  int bars;

  @Option(names = "--symbols", defaultValue = "5000", description = "Symbols (default: ${DEFAULT-VALUE}).")
  int symbols;

  @Option(names = "--streams", defaultValue = "2", description = "Parallel writers while loading"
      + " (default: ${DEFAULT-VALUE}).")
  int streams;

  @Override
  public Integer call() {
    if (symbols < 1 || bars < 2 * symbols || streams < 1) {
      throw new DatahubException("need --symbols >= 1, --bars >= 2 x --symbols and --streams >= 1");
    }
    var config = bench.root.config();
    if (!(config.db() instanceof DbTarget.Postgres server)) {
      throw new DatahubException("bench quality on " + config.db().describe() + " is not available in this build");
    }
    var out = spec.commandLine().getOut();
    QualityBenchmark.Result result = new QualityBenchmark(server, config, out).run(bars, symbols, streams);
    out.println(String.format(Locale.ROOT, "ratio_suite=%.2f", result.ratio()));
    return 0;
  }
}
