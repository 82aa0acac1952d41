package io.aiinvest.datahub.export;

import io.aiinvest.datahub.adjust.AdjustMode;
import io.aiinvest.datahub.adjust.AdjustedBar;
import io.aiinvest.datahub.adjust.Adjuster;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.duckdb.BarFileWriter;
import io.aiinvest.datahub.store.duckdb.BarFileWriter.PriceRow;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes stored bars to one file per symbol ({@code SYMBOL.parquet} or {@code SYMBOL.csv}) in a directory, as traded
 * or adjusted on read by {@link Adjuster}.
 */
public final class ExportService {
  private final MarketStore store;

  public ExportService(MarketStore store) {
    this.store = store;
  }

  /** One written file. */
  public record ExportedFile(Symbol symbol, Path file, long rows, Optional<LocalDate> first, Optional<LocalDate> last) {}

  /**
   * Exports the symbols' bars in the range in the price basis {@code mode}; unknown symbols are refused before any
   * file is written.
   *
   * @return the files written, in the order of {@code symbols}
   */
  public List<ExportedFile> export(
      List<Symbol> symbols, DateRange range, AdjustMode mode, BarFileWriter.Format format, Path directory) {
    symbols.forEach(store::getSymbol);
    Adjuster adjuster = new Adjuster(store);
    List<ExportedFile> written = new ArrayList<>();
    try (BarFileWriter writer = BarFileWriter.open()) {
      for (Symbol symbol : symbols) {
        List<AdjustedBar> bars = adjuster.bars(symbol, range, mode);
        List<PriceRow> rows = bars.stream()
            .map(b -> new PriceRow(b.symbol(), b.date(), b.open(), b.high(), b.low(), b.close(), b.volume()))
            .toList();
        Path file = directory.resolve(symbol.value() + "." + format.extension());
        writer.write(rows, file, format);
        written.add(new ExportedFile(symbol, file, rows.size(),
            bars.isEmpty() ? Optional.empty() : Optional.of(bars.get(0).date()),
            bars.isEmpty() ? Optional.empty() : Optional.of(bars.get(bars.size() - 1).date())));
      }
    }
    return written;
  }
}
