package io.aiinvest.datahub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitedProviderTest {
  /** Holds every fetch until released, counting how many are inside at once. */
  private static final class Gate implements BarProvider {
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public ProviderId id() {
      return ProviderId.of("test");
    }

    @Override
    public ProviderBars fetch(Symbol symbol, DateRange range) {
      most.accumulateAndGet(inside.incrementAndGet(), Math::max);
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inside.decrementAndGet();
      return new ProviderBars(symbol, id(), PriceBasis.AS_TRADED, List.of(), List.of(), List.of());
    }
  }

  @Test
  void neverServesMoreRequestsAtOnceThanItsLimit() throws Exception {
    Gate gate = new Gate();
    ConcurrencyLimitedProvider limited = new ConcurrencyLimitedProvider(gate, 3);
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<ProviderBars>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(callers.submit(() -> limited.fetch(Symbol.of("AAA"), DateRange.ALL)));
      }
      while (gate.inside.get() < 3) {
        Thread.onSpinWait();
      }
      gate.release.countDown();
      for (Future<ProviderBars> call : calls) {
        call.get(10, TimeUnit.SECONDS);
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(gate.most.get()).isEqualTo(3);
  }
}
