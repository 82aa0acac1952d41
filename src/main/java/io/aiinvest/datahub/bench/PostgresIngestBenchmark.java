package io.aiinvest.datahub.bench;

import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.StoreException;
import io.aiinvest.datahub.store.postgres.BarCopyEncoder;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * {@code bench ingest} on PostgreSQL: the hub's bulk upsert (fresh load, then a reload of unchanged rows) beside raw
 * COPY of the same bars into an unindexed UNLOGGED copy of the table, all in one run in a scratch database.
 */
public final class PostgresIngestBenchmark {
  private final DbTarget.Postgres server;
  private final HubConfig config;
  private final PrintWriter out;

  public PostgresIngestBenchmark(DbTarget.Postgres server, HubConfig config, PrintWriter out) {
    this.server = server;
    this.config = config;
    this.out = out;
  }

  public IngestBenchmarkResult run(int totalBars, int symbols, int streams) {
    List<List<DailyBar>> batches = SyntheticBars.batches(totalBars, symbols, HubLoad.SYMBOLS_PER_WRITE, out);
    long bars = batches.stream().mapToLong(List::size).sum();
    try (ScratchDatabase scratch = ScratchDatabase.create(server, "datahub_bench");
        PostgresMarketStore store = PostgresMarketStore.open(scratch.target(), config)) {
      for (int i = 0; i < symbols; i++) {
        store.upsertSymbol(SymbolInfo.of(SyntheticBars.symbol(i)));
      }
      out.printf("scratch database %s; %d parallel streams, %d symbols per write%n", scratch.target().database(),
          streams, HubLoad.SYMBOLS_PER_WRITE);
      double raw = rawCopy(store, batches, bars);
      out.printf("raw COPY into unindexed UNLOGGED table: %,.0f bars/s%n", raw);
      out.flush();
      double fresh = HubLoad.run(store, batches, bars, streams, "fresh load", out);
      double reload = HubLoad.run(store, batches, bars, streams, "reload of unchanged rows", out);
      return new IngestBenchmarkResult(bars, raw, fresh, reload);
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
}
