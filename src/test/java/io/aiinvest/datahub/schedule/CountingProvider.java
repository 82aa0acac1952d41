package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double at the provider port: answers every fetch with one as-traded bar on the range's last day (or on its
 * last day of data, when the range runs past it, as a real provider has no bar for a session still open) and counts
 * fetches per symbol. It can hold one fetch (the n-th) until the test releases it, to stop or kill a worker with a
 * symbol in hand.
 */
final class CountingProvider implements BarProvider {
  static final ProviderId ID = ProviderId.of("counting");

  private final Map<Symbol, AtomicInteger> fetches = new ConcurrentHashMap<>();
  private final Map<Symbol, List<DateRange>> ranges = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private volatile int holdAt;
  private volatile Optional<LocalDate> lastDay = Optional.empty();
  /** The symbol of the held fetch, once it is held. */
  volatile Symbol heldSymbol;
  final CountDownLatch held = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);

  /** Holds the n-th fetch (counting from 1) until {@link #release} is counted down. */
  CountingProvider holdingFetch(int n) {
    holdAt = n;
    return this;
  }

  /** Has no bar after {@code day}. */
  CountingProvider upTo(LocalDate day) {
    lastDay = Optional.of(day);
    return this;
  }

  @Override
  public ProviderId id() {
    return ID;
  }

  @Override
  public ProviderBars fetch(Symbol symbol, DateRange range) {
    fetches.computeIfAbsent(symbol, s -> new AtomicInteger()).incrementAndGet();
    ranges.computeIfAbsent(symbol, s -> new CopyOnWriteArrayList<>()).add(range);
    if (total.incrementAndGet() == holdAt) {
      heldSymbol = symbol;
      held.countDown();
      try {
        if (!release.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never released the held fetch of " + symbol);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while holding " + symbol, e);
      }
    }
    BigDecimal price = new BigDecimal("10.00");
    LocalDate day = lastDay.filter(last -> last.isBefore(range.to().orElseThrow())).orElse(range.to().orElseThrow());
    DailyBar bar = new DailyBar(symbol, day, price, price, price, price, 1_000, Optional.empty(),
        ID);
    return new ProviderBars(symbol, ID, PriceBasis.AS_TRADED, List.of(bar), List.of(), List.of());
  }

  int fetches(Symbol symbol) {
    AtomicInteger count = fetches.get(symbol);
    return count == null ? 0 : count.get();
  }

  Map<Symbol, Integer> fetchCounts() {
    Map<Symbol, Integer> counts = new java.util.TreeMap<>();
    fetches.forEach((symbol, count) -> counts.put(symbol, count.get()));
    return counts;
  }

  /** The ranges asked for the symbol, in order. */
  List<DateRange> ranges(Symbol symbol) {
    return List.copyOf(ranges.getOrDefault(symbol, List.of()));
  }

  int total() {
    return total.get();
  }
}
