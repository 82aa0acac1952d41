package io.aiinvest.datahub.provider.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ReplayServerTest {
  private static final DateRange YEAR = DateRange.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T12:00:00Z"), ZoneOffset.UTC);

  private static BarProvider yahooAgainst(ReplayServer server) {
    return ProviderRegistry.standard(HubConfig.from(server.yahooEnv(), Optional.empty()), CLOCK).get("yahoo");
  }

  @Test
  void servesAYearOfValidWeekdayBarsForAnySymbol() {
    try (ReplayServer server = ReplayServer.start(Duration.ZERO)) {
      ProviderBars bars = yahooAgainst(server).fetch(Symbol.of("ANY1"), YEAR);

      // 2024 has 262 weekdays; the synthetic calendar knows no holidays.
      assertThat(bars.bars()).hasSize(262);
      assertThat(bars.rejections()).isEmpty();
      assertThat(bars.basis()).isEqualTo(PriceBasis.SPLIT_ADJUSTED);
      assertThat(bars.bars().get(0).date()).isEqualTo(LocalDate.of(2024, 1, 1));
      assertThat(bars.bars().get(261).date()).isEqualTo(LocalDate.of(2024, 12, 31));
      assertThat(server.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void sameSymbolAndWindowGiveTheSameBody() {
    Symbol symbol = Symbol.of("XYZ");
    assertThat(ReplayServer.chartJson(symbol, 1_704_067_200L, 1_735_689_600L))
        .isEqualTo(ReplayServer.chartJson(symbol, 1_704_067_200L, 1_735_689_600L));
  }

  @Test
  void holdsEachReplyForTheLatencyWithoutSerialisingRequests() throws Exception {
    Duration latency = Duration.ofMillis(200);
    try (ReplayServer server = ReplayServer.start(latency)) {
      BarProvider yahoo = yahooAgainst(server);
      ExecutorService workers = Executors.newFixedThreadPool(8);
      try {
        long started = System.nanoTime();
        List<Future<ProviderBars>> fetches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          Symbol symbol = Symbol.of("S" + i);
          fetches.add(workers.submit(() -> yahoo.fetch(symbol, YEAR)));
        }
        for (Future<ProviderBars> fetch : fetches) {
          assertThat(fetch.get().bars()).hasSize(262);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(elapsed).isGreaterThanOrEqualTo(latency);
        // Eight requests in one latency window, not eight windows in a row.
        assertThat(elapsed).isLessThan(latency.multipliedBy(4));
        assertThat(server.requestCount()).isEqualTo(8);
      } finally {
        workers.shutdownNow();
      }
    }
  }
}
