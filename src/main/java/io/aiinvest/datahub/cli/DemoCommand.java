package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.demo.DemoReport;
import io.aiinvest.datahub.demo.DemoService;
import io.aiinvest.datahub.demo.SampleData;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.ingest.SymbolOutcome;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code datahub demo}: the whole hub on real data in one command, with no network and no database server. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Load about two years of real daily bars of SPY, AAPL, MSFT, GOOGL and AMZN (2022-05-02 .. 2024-06-28, with",
        "the 2022 splits of AMZN and GOOGL and their dividends) from sample files shipped inside datahub, through the",
        "normal ingest path, into the configured database (by default the embedded DuckDB file under DATAHUB_HOME).",
        "Then run the quality checks this build has and print what is stored. Running it again changes nothing.",
        "",
        "The sample is Yahoo Finance data as yfinance delivered it (split-adjusted prices): ingest stores it as traded."
    })
final class DemoCommand extends HubSubcommand implements Callable<Integer> {
  @Option(names = "--live", description = "Fetch the same symbols from Yahoo Finance instead of the shipped sample.")
  boolean live;

  @Override
  public Integer call() {
    if (live) {
      throw new DatahubException("demo --live fetches from Yahoo Finance, whose provider is not in this build yet"
          + " (issue 3); run 'datahub demo' to load the shipped sample instead");
    }
    try (SampleData sample = SampleData.open()) {
      // TODO(#6): pass the quality runner here once the quality package lands.
      DemoReport report = new DemoService(store(), Optional.empty()).run(sample.symbols(), sample.provider(),
          SampleData.DEMO_RANGE, "sample files shipped with datahub (Yahoo Finance daily bars)");
      print(report);
      return report.ingest().anyFailed() ? 1 : 0;
    }
  }

  private void print(DemoReport report) {
    var bars = report.ingest().totalBars();
    var actions = report.ingest().totalActions();
    out().println("datahub demo into " + store().describe());
    out().println("  source:   " + report.source() + ", " + report.range());
    out().println("  symbols:  " + report.holdings().size() + " (" + report.symbolsAdded() + " added by this run)");
    out().println(String.format(Locale.ROOT, "  this run: %,d bars inserted, %,d updated, %,d unchanged, %,d rejected;"
            + " %,d corporate actions new, %,d revised, %,d unchanged", bars.inserted(), bars.updated(),
        bars.unchanged(), bars.rejected(), actions.inserted(), actions.revised(), actions.unchanged()));
    out().println("  quality:  " + (report.checksRun()
        ? report.findingsLogged() + " findings logged by this run's checks"
        : "no quality checks in this build yet (issue 6); the data-quality log is read as it is"));
    for (SymbolOutcome outcome : report.ingest().outcomes()) {
      outcome.error().ifPresent(error -> out().println("  FAILED " + outcome.symbol() + ": " + error));
    }
    out().println();
    Rows rows = new Rows(List.of("symbol", "name", "exchange", "bars", "first", "last", "splits", "dividends",
        "open_findings"));
    for (DemoReport.Holding h : report.holdings()) {
      rows.add(h.symbol().value(), h.name(), h.exchange(), h.bars(), h.first(), h.last(), h.splits(), h.dividends(),
          h.openFindings());
    }
    rows.add("total", "", "", report.totalBars(), "", "", "", "", report.totalOpenFindings());
    rows.print(out(), OutputFormat.TABLE);
    out().println(String.format(Locale.ROOT, "%n%d symbols, %,d bars, %,d corporate actions, %d open findings",
        report.holdings().size(), report.totalBars(), report.totalActions(), report.totalOpenFindings()));
    out().println();
    out().println("Try next:");
    out().println("  datahub bars AMZN --from 2022-06-01 --to 2022-06-08    as traded: the 20:1 split on 2022-06-06");
    out().println("  datahub list-symbols");
    out().println("  datahub export --format parquet --out export          one Parquet file per symbol");
    out().println("  datahub view-issues                                    the data-quality log");
    out().println("  datahub demo                                           again: nothing changes");
    out().flush();
  }
}
