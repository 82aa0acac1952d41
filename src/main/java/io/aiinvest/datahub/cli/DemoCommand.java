package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.demo.DemoReport;
import io.aiinvest.datahub.demo.DemoService;
import io.aiinvest.datahub.demo.SampleData;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.ingest.SymbolOutcome;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code datahub demo}: the whole hub on real data in one command, with no network and no database server. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Load three years of real daily bars of SPY, AAPL, MSFT, GOOGL and AMZN (2022-05-02 .. 2025-08-08, with the",
        "2022 splits of AMZN and GOOGL and 44 dividends) from sample files shipped inside datahub, through the",
        "normal ingest path, into the configured database (by default the embedded DuckDB file under DATAHUB_HOME).",
        "Then run the data-quality suite over them and print what is stored. Running it again changes nothing.",
        "",
        "The sample is Yahoo Finance data as yfinance delivered it (split-adjusted prices): ingest stores it as traded.",
        "--live fetches the same symbols' last two years from Yahoo Finance instead (needs the network)."
    })
final class DemoCommand extends HubSubcommand implements Callable<Integer> {
  /** How much history --live fetches: the same span as the shipped sample. */
  private static final Period LIVE_HISTORY = Period.ofYears(2);

  @Option(names = "--live", description = "Fetch the same symbols from Yahoo Finance instead of the shipped sample.")
  boolean live;

  @Override
  public Integer call() {
    // The summary below says what ingest and the quality suite did; their INFO lines would repeat it on stderr.
    root.logWarningsOnly();
    try (SampleData sample = SampleData.open()) {
      DemoService demo = new DemoService(store(), calendars(), clock(), ingestSettings());
      DemoReport report = live
          ? demo.run(sample.symbols(), providers().get("yahoo"),
              DateRange.of(LocalDate.now(clock()).minus(LIVE_HISTORY), null), "Yahoo Finance chart API (live)")
          : demo.run(sample.symbols(), sample.provider(), SampleData.DEMO_RANGE,
              "sample files shipped with datahub (Yahoo Finance daily bars)");
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
    out().println("  quality:  " + report.checksRun() + " checks run; " + report.findings()
        + " findings stand in the data-quality log for them");
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
    out().println("  datahub bars AMZN --from 2022-06-01 --to 2022-06-08                 as traded: the 20:1 split");
    out().println("  datahub bars AMZN --from 2022-06-01 --to 2022-06-08 --adjust split  the same, split-adjusted");
    out().println("  datahub corporate-actions GOOGL                                     splits, dividends, factors");
    out().println("  datahub view-issues                                                 the data-quality log");
    out().println("  datahub export --format parquet --out export                        a Parquet file per symbol");
    out().println("  datahub demo                                                        again: nothing changes");
    out().flush();
  }
}
