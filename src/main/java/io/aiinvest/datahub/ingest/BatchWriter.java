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
import org.slf4j.MDC;

/**
 * Stores what the fetch workers converted, on one thread of its own, so that workers go back to their provider
 * instead of waiting on the database. Each write takes whatever is queued, up to {@code symbolsPerWrite} symbols, in
 * one {@link MarketStore#writeBatch}: batches grow only when fetching outpaces the database, and a lone symbol is never
 * held back waiting for company. When a batch fails, its symbols are written one by one so that only the symbol at
 * fault fails.
 *
 * <p>Workers block in {@link #submit} while more than {@value #QUEUED_BARS} bars wait, which bounds memory on a
 * backfill of thousands of symbols.
 *
 * <p>{@link #abort} ends a run that was interrupted: nothing more is written. A batch write in progress commits or
 * rolls back whole (it is one transaction); one that fails after the abort is not written again symbol by symbol,
 * so every symbol of the batch fails and none is stored.
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
  private final Map<String, String> logContext;
  /** Guards {@link #ended} with the enqueueing of a write, so nothing is queued behind the end marker. */
  private final Object enqueue = new Object();
  private boolean ended;
  private volatile boolean aborted;

  BatchWriter(MarketStore store, int symbolsPerWrite) {
    this(store, symbolsPerWrite, Map.of());
  }

  /** @param logContext the MDC of the run (job, run, provider), for the writer thread's log lines */
  BatchWriter(MarketStore store, int symbolsPerWrite, Map<String, String> logContext) {
    this.store = store;
    this.symbolsPerWrite = symbolsPerWrite;
    this.logContext = Map.copyOf(logContext);
    this.thread = new Thread(this::run, "ingest-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues one symbol's bars and actions; the future completes when they are stored, or with the store's error. */
  CompletableFuture<WriteResult> submit(SymbolWrite write) {
    int permits = Math.max(1, Math.min(write.bars().size(), QUEUED_BARS));
    CompletableFuture<WriteResult> result = new CompletableFuture<>();
    if (aborted) {
      return notStored(write, result);
    }
    try {
      queuedBars.acquire(permits);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result.completeExceptionally(new DatahubException(write.symbol() + ": interrupted before storing"));
      return result;
    }
    synchronized (enqueue) {
      if (aborted || ended) {
        queuedBars.release(permits);
        return notStored(write, result);
      }
      queue.add(new Pending(write, permits, result));
    }
    return result;
  }

  private static CompletableFuture<WriteResult> notStored(SymbolWrite write, CompletableFuture<WriteResult> result) {
    result.completeExceptionally(new DatahubException(write.symbol() + ": not stored, the run was interrupted"));
    return result;
  }

  /**
   * Stops writing: writes still queued, and any submitted later, fail without touching the store. The writer thread
   * is interrupted, so that a write waiting for a connection gives up; a transaction already under way ends whole
   * either way. {@link #close} still has to be called, and waits for that transaction.
   */
  void abort() {
    aborted = true;
    thread.interrupt();
  }

  private void run() {
    MDC.setContextMap(logContext);
    List<Pending> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        // Only close() ends the writer, so no queued symbol is stranded: after abort() they are failed below.
        continue;
      }
      queue.drainTo(batch, symbolsPerWrite - 1);
      boolean end = batch.removeIf(p -> p == END);
      if (!batch.isEmpty()) {
        if (aborted) {
          batch.forEach(p -> notStored(p.write(), p.result()));
        } else {
          store(batch);
        }
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
      // The write is done; an abort's interrupt must not fall on the bookkeeping that hears of it.
      Thread.interrupted();
      batch.forEach(p -> p.result().complete(results.get(p.write().symbol())));
    } catch (RuntimeException e) {
      if (batch.size() == 1 || aborted) {
        // After an abort the batch stays unwritten as a whole: its transaction rolled back, none is retried alone.
        batch.forEach(p -> p.result().completeExceptionally(e));
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
    synchronized (enqueue) {
      if (!ended) {
        ended = true;
        queue.add(END);
      }
    }
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
