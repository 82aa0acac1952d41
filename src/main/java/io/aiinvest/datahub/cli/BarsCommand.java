package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahub bars}: print stored bars. */
@Command(
    name = "bars",
    mixinStandardHelpOptions = true,
    description = {
        "Print a symbol's daily bars, oldest first, as traded (unadjusted prices and share volumes).",
        "",
        "Example: datahub bars AAPL --from 2024-01-01 --format csv > aapl.csv"
    })
final class BarsCommand extends HubSubcommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SYMBOL")
  String symbol;

  @Option(names = "--from", paramLabel = "DATE", description = "First date (YYYY-MM-DD).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last date (YYYY-MM-DD).")
  LocalDate to;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() {
    Symbol parsed = Symbol.of(symbol);
    store().getSymbol(parsed);
    List<DailyBar> bars = store().bars(parsed, DateRange.of(from, to));
    Rows rows = new Rows(List.of("date", "open", "high", "low", "close", "volume", "source"));
    for (DailyBar bar : bars) {
      rows.add(bar.date(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), bar.source().value());
    }
    rows.print(out(), format);
    return 0;
  }
}
