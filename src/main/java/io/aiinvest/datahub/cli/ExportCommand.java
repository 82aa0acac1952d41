package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.adjust.AdjustMode;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.export.ExportService;
import io.aiinvest.datahub.export.ExportService.ExportedFile;
import io.aiinvest.datahub.store.duckdb.BarFileWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahub export}: stored bars to Parquet or CSV files, one per symbol. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Write each symbol's daily bars to DIR/SYMBOL.parquet or DIR/SYMBOL.csv (replacing an existing file), with",
        "columns symbol, date, open, high, low, close, volume; prices are exact decimals (DECIMAL(18,6)). As traded",
        "by default; --adjust split or total folds in the stored splits (and dividends) as 'datahub bars' does.",
        "Files are written by DuckDB's COPY and read by pandas, polars and DuckDB alike.",
        "",
        "Examples:",
        "  datahub export --format parquet --out export",
        "  datahub export --format csv --out export --from 2024-01-01 AAPL MSFT",
        "  datahub export --format parquet --out export --adjust total"
    })
final class ExportCommand extends HubSubcommand implements Callable<Integer> {
  private static final Map<AdjustMode, String> BASIS = Map.of(
      AdjustMode.NONE, "as traded", AdjustMode.SPLIT, "split-adjusted", AdjustMode.TOTAL, "total-return adjusted");

  @Option(names = "--format", required = true, paramLabel = "parquet|csv", description = "File format.")
  BarFileWriter.Format format;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write to (created).")
  Path out;

  @Option(
      names = "--adjust",
      defaultValue = "none",
      paramLabel = "none|split|total",
      description = "Price basis: none (as traded), split, or total (splits and dividends); default"
          + " ${DEFAULT-VALUE}.")
  AdjustMode adjust;

  @Option(names = "--from", paramLabel = "DATE", description = "First date (YYYY-MM-DD).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last date (YYYY-MM-DD).")
  LocalDate to;

  @Parameters(paramLabel = "SYMBOL", arity = "0..*", description = "Symbols to export (default: every active one).")
  List<String> symbols;

  @Override
  public Integer call() {
    List<Symbol> chosen = symbols == null || symbols.isEmpty()
        ? store().listSymbols(false).stream().map(SymbolInfo::symbol).toList()
        : symbols.stream().map(Symbol::of).distinct().toList();
    if (chosen.isEmpty()) {
      throw new DatahubException("no active symbols to export; add some with 'datahub add-symbol SYMBOL'");
    }
    List<ExportedFile> files =
        new ExportService(store()).export(chosen, DateRange.of(from, to), adjust, format, out);
    Rows rows = new Rows(List.of("symbol", "rows", "first", "last", "file"));
    long total = 0;
    for (ExportedFile file : files) {
      rows.add(file.symbol().value(), file.rows(), file.first(), file.last(), file.file());
      total += file.rows();
    }
    rows.print(out(), OutputFormat.TABLE);
    out().println(String.format(Locale.ROOT, "wrote %d %s file%s (%,d bars, %s) to %s", files.size(),
        format.extension(), files.size() == 1 ? "" : "s", total, BASIS.get(adjust), out));
    return 0;
  }
}
