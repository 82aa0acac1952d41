package io.aiinvest.datahub.bench;

import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.StoreException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The timed part of {@code bench ingest} common to every store: the batches written through the port. */
final class HubLoad {
  /** Symbols per hub write: large enough to amortise a transaction, small enough to spread over the streams. */
  static final int SYMBOLS_PER_WRITE = 50;

  private HubLoad() {}

  /** Writes every batch through {@code streams} parallel writers; prints and returns bars per second. */
  static double run(MarketStore store, List<List<DailyBar>> batches, long bars, int streams, String label,
      PrintWriter out) {
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
