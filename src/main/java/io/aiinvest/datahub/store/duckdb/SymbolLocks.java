package io.aiinvest.datahub.store.duckdb;

import io.aiinvest.datahub.domain.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per symbol, the in-process counterpart of the PostgreSQL store's advisory locks. A write holds the locks of
 * its symbols from before its transaction begins until it commits, so two writes of one symbol never overlap (the
 * second sees what the first stored) while writes of different symbols run side by side: DuckDB lets concurrent
 * transactions append to one table, and keys include the symbol, so they cannot collide.
 */
final class SymbolLocks {
  private final ConcurrentHashMap<Symbol, ReentrantLock> locks = new ConcurrentHashMap<>();

  /** What {@link #lock} took; closing it releases every lock. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /** Takes the symbols' locks in their sorted order, so two writers can never wait for each other in a cycle. */
  Held lock(SortedSet<Symbol> symbols) {
    List<ReentrantLock> held = new ArrayList<>(symbols.size());
    try {
      for (Symbol symbol : symbols) {
        ReentrantLock lock = locks.computeIfAbsent(symbol, s -> new ReentrantLock());
        lock.lock();
        held.add(lock);
      }
    } catch (RuntimeException | Error e) {
      unlock(held);
      throw e;
    }
    return () -> unlock(held);
  }

  private static void unlock(List<ReentrantLock> held) {
    for (int i = held.size() - 1; i >= 0; i--) {
      held.get(i).unlock();
    }
  }
}
