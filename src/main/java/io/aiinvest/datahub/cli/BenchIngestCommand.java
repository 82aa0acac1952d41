package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.bench.DuckDbIngestBenchmark;
import io.aiinvest.datahub.bench.IngestBenchmarkResult;
import io.aiinvest.datahub.bench.PostgresIngestBenchmark;
import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.domain.DatahubException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code datahub bench ingest}. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
        "Bulk-upsert speed: loads synthetic bars (sorted by symbol and date) through the hub's store twice, a fresh",
        "load and a reload of unchanged rows, beside the database's own bulk load of the same bars:",
        "  PostgreSQL: raw COPY into an unindexed UNLOGGED table, in a scratch database on the configured server",
        "              (needs CREATEDB), dropped afterwards. Targets 0.6 and 0.35.",
        "  DuckDB:     COPY from a CSV file into an unkeyed table, in a scratch file next to the --db file,",
        "              deleted afterwards. Targets 0.5 and 0.5.",
        "Ends with: ratio_fresh=<hub fresh / raw> ratio_reload=<hub reload / raw>."
    })
final class BenchIngestCommand implements Callable<Integer> {
  @ParentCommand BenchCommand bench;

  @Spec CommandSpec spec;

  @Option(names = "--bars", defaultValue = "5000000", description = "Bars in all (default: ${DEFAULT-VALUE}).")
  int bars;

  @Option(names = "--symbols", defaultValue = "5000", description = "Symbols (default: ${DEFAULT-VALUE}).")
  int symbols;

  @Option(names = "--streams", defaultValue = "2", description = "Parallel writers (default: ${DEFAULT-VALUE}).")
  int streams;

  @Override
  public Integer call() {
    if (bars < symbols || symbols < 1 || streams < 1) {
      throw new DatahubException("need --symbols >= 1, --bars >= --symbols and --streams >= 1");
    }
    var config = bench.root.config();
    var out = spec.commandLine().getOut();
    IngestBenchmarkResult result;
    if (config.db() instanceof DbTarget.Postgres server) {
      result = new PostgresIngestBenchmark(server, config, out).run(bars, symbols, streams);
    } else {
      result = new DuckDbIngestBenchmark((DbTarget.DuckDb) config.db(), out).run(bars, symbols, streams);
    }
    out.println(String.format(Locale.ROOT, "ratio_fresh=%.2f ratio_reload=%.2f", result.ratioFresh(),
        result.ratioReload()));
    return 0;
  }
}
