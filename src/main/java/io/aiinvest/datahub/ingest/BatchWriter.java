package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.MarketStore.SymbolWrite;
import io.aiinvest.datahub.store.MarketStore.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores what the fetch workers converted, on one thread of its own, so that workers go back to their provider
 * instead of waiting on the database. Each write takes whatever is queued, up to {@code symbolsPerWrite} symbols, in
 * one {@link MarketStore#writeBatch}: batches grow only when fetching outpaces the database, and a lone symbol is never
 * held back waiting for company. When a batch fails, its symbols are written one by one so that only the symbol at
 * fault fails.
 *
 * <p>Workers block in {@link #submit} while more than {@value #QUEUED_BARS} bars wait, which bounds memory on a
 * backfill of thousands of symbols.
 */
final class BatchWriter implements AutoCloseable {
  static final int QUEUED_BARS = 200_000;

  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

  private record Pending(SymbolWrite write, int permits, CompletableFuture<WriteResult> result) {}

  private static final Pending END = new Pending(null, 0, null);

  private final MarketStore store;
  private final int symbolsPerWrite;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Semaphore queuedBars = new Semaphore(QUEUED_BARS);
  private final Thread thread;

  BatchWriter(MarketStore store, int symbolsPerWrite) {
    this.store = store;
    this.symbolsPerWrite = symbolsPerWrite;
    this.thread = new Thread(this::run, "ingest-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues one symbol's bars and actions; the future completes when they are stored, or with the store's error. */
  CompletableFuture<WriteResult> submit(SymbolWrite write) {
    int permits = Math.max(1, Math.min(write.bars().size(), QUEUED_BARS));
    CompletableFuture<WriteResult> result = new CompletableFuture<>();
    try {
      queuedBars.acquire(permits);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result.completeExceptionally(new DatahubException(write.symbol() + ": interrupted before storing"));
      return result;
    }
    queue.add(new Pending(write, permits, result));
    return result;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        // Only close() ends the writer; an interrupt from elsewhere must not strand queued symbols.
        continue;
      }
      queue.drainTo(batch, symbolsPerWrite - 1);
      boolean end = batch.removeIf(p -> p == END);
      if (!batch.isEmpty()) {
        store(batch);
        batch.forEach(p -> queuedBars.release(p.permits()));
        batch.clear();
      }
      if (end) {
        return;
      }
    }
  }

  private void store(List<Pending> batch) {
    try {
      Map<Symbol, WriteResult> results = store.writeBatch(batch.stream().map(Pending::write).toList());
      batch.forEach(p -> p.result().complete(results.get(p.write().symbol())));
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).result().completeExceptionally(e);
        return;
      }
      log.warn("batch write of {} symbols failed ({}); writing them one by one", batch.size(), e.getMessage());
      for (Pending pending : batch) {
        try {
          pending.result().complete(store.writeBatch(List.of(pending.write())).get(pending.write().symbol()));
        } catch (RuntimeException one) {
          pending.result().completeExceptionally(one);
        }
      }
    }
  }

  /** Stores what is queued, then stops the writer thread. */
  @Override
  public void close() {
    queue.add(END);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
