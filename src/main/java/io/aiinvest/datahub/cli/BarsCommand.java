package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.adjust.AdjustMode;
import io.aiinvest.datahub.adjust.AdjustedBar;
import io.aiinvest.datahub.adjust.Adjuster;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahub bars}: print stored bars, as traded or adjusted. */
@Command(
    name = "bars",
    mixinStandardHelpOptions = true,
    description = {
        "Print a symbol's daily bars, oldest first. Bars are stored as traded (unadjusted prices and share volumes);",
        "--adjust computes an adjusted series from the stored splits and dividends at read time:",
        "  split  prices x m/n and volumes x n/m before the ex-date of every n:m split",
        "  total  also prices x (1 - D / previous close) before the ex-date of every cash dividend D",
        "Factors accumulate backwards from the latest bar, which is never adjusted; actions after --to count too.",
        "Adjusted prices are rounded to 6 decimals, volumes to whole shares; price_factor and volume_factor show the",
        "cumulative factors applied (see docs/adjustments.md).",
        "",
        "Examples:",
        "  datahub bars AAPL --from 2024-01-01 --format csv > aapl.csv",
        "  datahub bars AAPL --adjust total --from 2020-01-01 --to 2020-12-31"
    })
final class BarsCommand extends HubSubcommand implements Callable<Integer> {
  /** Decimals a factor is printed with; the prices were computed with the unrounded factor. */
  private static final int FACTOR_SCALE = 12;

  @Parameters(index = "0", paramLabel = "SYMBOL")
  String symbol;

  @Option(names = "--from", paramLabel = "DATE", description = "First date (YYYY-MM-DD).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last date (YYYY-MM-DD).")
  LocalDate to;

  @Option(
      names = "--adjust",
      paramLabel = "none|split|total",
      defaultValue = "none",
      description = "Adjustment to apply: none, split or total (default: ${DEFAULT-VALUE}).")
  AdjustMode adjust;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() {
    Symbol parsed = Symbol.of(symbol);
    store().getSymbol(parsed);
    List<AdjustedBar> bars = new Adjuster(store()).bars(parsed, DateRange.of(from, to), adjust);
    List<String> columns = new ArrayList<>(List.of("date", "open", "high", "low", "close", "volume", "source"));
    if (adjust != AdjustMode.NONE) {
      columns.addAll(List.of("price_factor", "volume_factor"));
    }
    Rows rows = new Rows(columns);
    for (AdjustedBar bar : bars) {
      if (adjust == AdjustMode.NONE) {
        rows.add(bar.date(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), bar.source().value());
      } else {
        rows.add(bar.date(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), bar.source().value(),
            factor(bar.priceFactor()), factor(bar.volumeFactor()));
      }
    }
    rows.print(out(), format);
    return 0;
  }

  private static BigDecimal factor(BigDecimal factor) {
    return factor.setScale(FACTOR_SCALE, RoundingMode.HALF_EVEN);
  }
}
