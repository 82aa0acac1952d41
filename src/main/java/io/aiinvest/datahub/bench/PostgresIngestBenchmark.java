package io.aiinvest.datahub.bench;

import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.StoreException;
import io.aiinvest.datahub.store.postgres.BarCopyEncoder;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;

/**
 * {@code bench ingest} on PostgreSQL: the hub's bulk upsert (fresh load, then a reload of unchanged rows) beside raw
 * COPY of the same bars into an unindexed UNLOGGED copy of the table, all in one run in a scratch database.
 */
public final class PostgresIngestBenchmark {
  /** Bars per hub write: large enough to amortise a transaction, small enough to spread over the streams. */
  static final int SYMBOLS_PER_BATCH = 50;

  private final DbTarget.Postgres server;
  private final HubConfig config;
  private final PrintWriter out;

  public PostgresIngestBenchmark(DbTarget.Postgres server, HubConfig config, PrintWriter out) {
    this.server = server;
    this.config = config;
    this.out = out;
  }

  /** Result figures in bars per second. */
  public record Result(long bars, double rawCopy, double fresh, double reload) {
    public double ratioFresh() {
      return fresh / rawCopy;
    }

    public double ratioReload() {
      return reload / rawCopy;
    }
  }

  public Result run(int totalBars, int symbols, int streams) {
    int perSymbol = Math.max(1, totalBars / symbols);
    List<LocalDate> sessions = SyntheticBars.sessions(perSymbol);
    out.printf("generating %,d bars: %,d symbols x %,d sessions (%s .. %s)%n", (long) perSymbol * symbols, symbols,
        perSymbol, sessions.get(0), sessions.get(sessions.size() - 1));
    out.flush();
    List<List<DailyBar>> batches = new ArrayList<>();
    for (int first = 0; first < symbols; first += SYMBOLS_PER_BATCH) {
      List<DailyBar> batch = new ArrayList<>();
      for (int i = first; i < Math.min(symbols, first + SYMBOLS_PER_BATCH); i++) {
        batch.addAll(SyntheticBars.forSymbol(i, sessions));
      }
      batches.add(batch);
    }
    long bars = batches.stream().mapToLong(List::size).sum();
    try (ScratchDatabase scratch = ScratchDatabase.create(server, "datahub_bench");
        PostgresMarketStore store = PostgresMarketStore.open(scratch.target(), config)) {
      for (int i = 0; i < symbols; i++) {
        store.upsertSymbol(SymbolInfo.of(SyntheticBars.symbol(i)));
      }
      out.printf("scratch database %s; %d parallel streams, %d symbols per write%n", scratch.target().database(),
          streams, SYMBOLS_PER_BATCH);
      double raw = rawCopy(store, batches, bars);
      out.printf("raw COPY into unindexed UNLOGGED table: %,.0f bars/s%n", raw);
      out.flush();
      double fresh = hubLoad(store, batches, bars, streams, "fresh load");
      double reload = hubLoad(store, batches, bars, streams, "reload of unchanged rows");
      return new Result(bars, raw, fresh, reload);
    }
  }

  private double rawCopy(PostgresMarketStore store, List<List<DailyBar>> batches, long bars) {
    List<byte[]> encoded = new ArrayList<>();
    for (List<DailyBar> batch : batches) {
      encoded.add(BarCopyEncoder.encode(batch));
    }
    try (Connection connection = store.dataSource().getConnection()) {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("CREATE UNLOGGED TABLE market_data.bench_raw (LIKE market_data.bars INCLUDING DEFAULTS)");
      }
      long start = System.nanoTime();
      var copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
          "COPY market_data.bench_raw (" + BarCopyEncoder.COLUMNS + ") FROM STDIN");
      for (byte[] chunk : encoded) {
        copy.writeToCopy(chunk, 0, chunk.length);
      }
      copy.endCopy();
      double seconds = (System.nanoTime() - start) / 1e9;
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("DROP TABLE market_data.bench_raw");
      }
      return bars / seconds;
    } catch (SQLException e) {
      throw new StoreException("raw COPY baseline failed: " + e.getMessage(), e);
    }
  }

  private double hubLoad(PostgresMarketStore store, List<List<DailyBar>> batches, long bars, int streams,
      String label) {
    ExecutorService pool = Executors.newFixedThreadPool(streams);
    try {
      long start = System.nanoTime();
      List<Future<LoadResult>> futures = new ArrayList<>();
      for (List<DailyBar> batch : batches) {
        futures.add(pool.submit(() -> store.upsertBars(batch)));
      }
      LoadResult total = LoadResult.EMPTY;
      for (Future<LoadResult> future : futures) {
        total = total.plus(future.get());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double rate = bars / seconds;
      out.printf("hub %s: %,.0f bars/s (%.1f s; inserted %,d, updated %,d, unchanged %,d)%n", label, rate, seconds,
          total.inserted(), total.updated(), total.unchanged());
      out.flush();
      return rate;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("benchmark interrupted");
    } catch (ExecutionException e) {
      throw new StoreException("benchmark load failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
