package io.aiinvest.datahub.bench;

import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.StoreException;
import io.aiinvest.datahub.store.duckdb.DuckDbMarketStore;
import io.aiinvest.datahub.store.postgres.BarCopyEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * {@code bench ingest} on DuckDB: the hub's bulk upsert (fresh load, then a reload of unchanged rows) beside DuckDB's
 * own COPY of the same bars from a CSV file into an unkeyed table, all in one run. It works in a scratch file next to
 * the configured one, deleted afterwards, so an operator's data is never touched.
 */
public final class DuckDbIngestBenchmark {
  private final DbTarget.DuckDb target;
  private final PrintWriter out;

  public DuckDbIngestBenchmark(DbTarget.DuckDb target, PrintWriter out) {
    this.target = target;
    this.out = out;
  }

  public IngestBenchmarkResult run(int totalBars, int symbols, int streams) {
    List<List<DailyBar>> batches = SyntheticBars.batches(totalBars, symbols, HubLoad.SYMBOLS_PER_WRITE, out);
    long bars = batches.stream().mapToLong(List::size).sum();
    Path directory = target.file().toAbsolutePath().normalize().getParent();
    String name = "datahub_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Path scratch = directory.resolve(name + ".duckdb");
    Path csv = directory.resolve(name + ".csv");
    try {
      writeCsv(csv, batches);
      try (DuckDbMarketStore store = DuckDbMarketStore.open(new DbTarget.DuckDb(scratch))) {
        for (int i = 0; i < symbols; i++) {
          store.upsertSymbol(SymbolInfo.of(SyntheticBars.symbol(i)));
        }
        out.printf("scratch file %s; %d parallel streams, %d symbols per write%n", scratch, streams,
            HubLoad.SYMBOLS_PER_WRITE);
        double raw = rawCopy(store, csv, bars);
        out.printf("raw COPY from CSV into an unkeyed table: %,.0f bars/s%n", raw);
        out.flush();
        double fresh = HubLoad.run(store, batches, bars, streams, "fresh load", out);
        double reload = HubLoad.run(store, batches, bars, streams, "reload of unchanged rows", out);
        out.printf("checkpoint after the loads (DuckDB folds the WAL into the file; not in the ratios): %.1f s%n",
            checkpoint(store));
        return new IngestBenchmarkResult(bars, raw, fresh, reload);
      }
    } finally {
      deleteQuietly(csv);
      deleteQuietly(scratch);
      deleteQuietly(directory.resolve(name + ".duckdb.wal"));
    }
  }

  /** The bars in the text layout PostgreSQL's COPY reads (tab-separated, {@code \N} for null); not timed. */
  private static void writeCsv(Path csv, List<List<DailyBar>> batches) {
    try {
      Files.createDirectories(csv.getParent());
      try (OutputStream file = Files.newOutputStream(csv)) {
        for (List<DailyBar> batch : batches) {
          file.write(BarCopyEncoder.encode(batch));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing benchmark CSV " + csv, e);
    }
  }

  private static double rawCopy(DuckDbMarketStore store, Path csv, long bars) {
    double seconds;
    try (Connection connection = store.connection(); Statement statement = connection.createStatement()) {
      // Same columns and types as bars, without its CHECK constraints: the fastest load DuckDB offers.
      statement.execute("CREATE TABLE market_data.bench_raw AS SELECT " + BarCopyEncoder.COLUMNS
          + " FROM market_data.bars LIMIT 0");
      try (PreparedStatement copy = connection.prepareStatement("COPY market_data.bench_raw FROM ?"
          + " (FORMAT csv, DELIMITER '\t', NULLSTR '\\N', HEADER false)")) {
        copy.setString(1, csv.toString());
        long start = System.nanoTime();
        copy.execute();
        seconds = (System.nanoTime() - start) / 1e9;
      }
      statement.execute("DROP TABLE market_data.bench_raw");
      return bars / seconds;
    } catch (SQLException e) {
      throw new StoreException("raw COPY baseline failed: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  /**
   * Seconds DuckDB takes to write the hub's committed loads from its WAL into the file. The store defers this to 1 GiB
   * of WAL or to closing; raw COPY writes its rows into the file directly, so this is shown beside the ratios.
   */
  private static double checkpoint(DuckDbMarketStore store) {
    try (Connection connection = store.connection(); Statement statement = connection.createStatement()) {
      long start = System.nanoTime();
      statement.execute("CHECKPOINT");
      return (System.nanoTime() - start) / 1e9;
    } catch (SQLException e) {
      throw new StoreException("checkpoint after the benchmark failed: " + e.getMessage().lines().findFirst()
          .orElse(""), e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover scratch file is harmless and named after the benchmark; the result matters more.
    }
  }
}
