package io.aiinvest.datahub.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.testing.Await;
import io.aiinvest.datahub.testing.TickingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two workers on one database: each job runs once per slot, and its symbols are split between the workers. */
class WorkerScaleOutTest {
  private final WorkerHarness harness = new WorkerHarness();

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void twoWorkersSplit200SymbolsAndIngestEachExactlyOnce() {
    List<Symbol> symbols = harness.addSymbols(200);
    CountingProvider provider = new CountingProvider();
    // Monday 11 March 2024, 17:00 New York; both workers start before the 18:00 slot.
    TickingClock clock = new TickingClock(Instant.parse("2024-03-11T21:00:00Z"));
    Worker a = harness.worker("worker-a", clock,
        List.of(WorkerHarness.ingestJob(harness.openStore(), clock, provider)), false, 2, 10);
    Worker b = harness.worker("worker-b", clock,
        List.of(WorkerHarness.ingestJob(harness.openStore(), clock, provider)), false, 2, 10);
    a.start();
    b.start();

    clock.set(Instant.parse("2024-03-11T22:00:00Z"));
    JobRun run = Await.until("the ingest run to finish", () -> harness.history.latest(10),
        runs -> !runs.isEmpty() && runs.get(0).finished(), Duration.ofSeconds(60)).get(0);

    assertThat(harness.history.latest(10)).hasSize(1);
    assertThat(run.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(run.symbolsTotal()).isEqualTo(200);
    assertThat(run.counts().symbolsOk()).isEqualTo(200);
    assertThat(run.counts().barsInserted()).isEqualTo(200);
    assertThat(provider.total()).isEqualTo(200);
    assertThat(provider.fetchCounts()).hasSize(200).allSatisfy((symbol, fetches) -> assertThat(fetches).isOne());
    assertThat(harness.store.countBars(Optional.empty())).isEqualTo(200);
    assertThat(harness.store.revisions(symbols.get(0), DateRange.ALL)).isEmpty();

    Map<String, Integer> perWorker = harness.symbolsPerWorker(run.id());
    assertThat(perWorker.keySet()).containsExactlyInAnyOrder("worker-a", "worker-b");
    assertThat(perWorker.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
  }
}
