package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.Symbol;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Turns scanned rows into one {@link BarSeries} per symbol, in symbol order; symbols without rows still get their
 * (empty) series. The columns are reused from one symbol to the next: {@link BarSeries} copies them.
 */
final class SeriesAssembler implements SeriesReader.Rows {
  private final TreeSet<Symbol> pending;
  private final Map<Symbol, List<CorporateAction>> actions;
  private final Consumer<BarSeries> consumer;
  private String current;
  private int size;
  private int[] days = new int[1024];
  private double[] closes = new double[1024];
  private long[] volumes = new long[1024];

  SeriesAssembler(SortedSet<Symbol> symbols, Map<Symbol, List<CorporateAction>> actions,
      Consumer<BarSeries> consumer) {
    this.pending = new TreeSet<>(symbols);
    this.actions = actions;
    this.consumer = consumer;
  }

  @Override
  public void add(String symbol, int epochDay, double close, long volume) {
    if (!symbol.equals(current)) {
      flush();
      current = symbol;
    }
    if (size == days.length) {
      days = Arrays.copyOf(days, size * 2);
      closes = Arrays.copyOf(closes, size * 2);
      volumes = Arrays.copyOf(volumes, size * 2);
    }
    days[size] = epochDay;
    closes[size] = close;
    volumes[size] = volume;
    size++;
  }

  /** Hands over the last series and those of the remaining symbols without rows. */
  void finish() {
    flush();
    current = null;
    emitEmptyBefore(null);
  }

  private void flush() {
    if (current == null) {
      return;
    }
    Symbol symbol = new Symbol(current);
    emitEmptyBefore(symbol);
    pending.remove(symbol);
    sortIfNeeded();
    consumer.accept(new BarSeries(symbol, days, closes, volumes, size, actions.getOrDefault(symbol, List.of())));
    size = 0;
  }

  /**
   * A reader may get date order from its plan rather than from a final sort (PostgreSQL's lateral); this guards against
   * a plan that does not keep it.
   */
  private void sortIfNeeded() {
    for (int i = 1; i < size; i++) {
      if (days[i] <= days[i - 1]) {
        Integer[] order = new Integer[size];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, (x, y) -> Integer.compare(days[x], days[y]));
        int[] d = new int[size];
        double[] cl = new double[size];
        long[] v = new long[size];
        for (int k = 0; k < size; k++) {
          d[k] = days[order[k]];
          cl[k] = closes[order[k]];
          v[k] = volumes[order[k]];
        }
        System.arraycopy(d, 0, days, 0, size);
        System.arraycopy(cl, 0, closes, 0, size);
        System.arraycopy(v, 0, volumes, 0, size);
        return;
      }
    }
  }

  /** The empty series of symbols without rows before {@code next} (all remaining when it is null). */
  private void emitEmptyBefore(Symbol next) {
    while (!pending.isEmpty() && (next == null || pending.first().compareTo(next) < 0)) {
      Symbol empty = pending.pollFirst();
      consumer.accept(new BarSeries(empty, days, closes, volumes, 0, actions.getOrDefault(empty, List.of())));
    }
  }
}
