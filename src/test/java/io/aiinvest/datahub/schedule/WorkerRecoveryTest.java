package io.aiinvest.datahub.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.testing.Await;
import io.aiinvest.datahub.testing.TickingClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker stopped or killed in the middle of a run, and a worker started after it: no symbol is lost, none is
 * stored twice, and the history says what happened.
 */
class WorkerRecoveryTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private final WorkerHarness harness = new WorkerHarness();

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private JobRun onlyRun() {
    List<JobRun> runs = harness.history.latest(10);
    assertThat(runs).hasSize(1);
    return runs.get(0);
  }

  private void assertEachSymbolStoredOnce(List<Symbol> symbols) {
    assertThat(harness.store.countBars(Optional.empty())).isEqualTo(symbols.size());
    for (Symbol symbol : symbols) {
      assertThat(harness.store.bars(symbol, DateRange.ALL)).hasSize(1);
      assertThat(harness.store.revisions(symbol, DateRange.ALL)).isEmpty();
    }
  }

  @Test
  void stoppedWorkerFinishesTheSymbolInHandAndTheRestartDoesTheRest() throws Exception {
    List<Symbol> symbols = harness.addSymbols(50);
    CountingProvider provider = new CountingProvider().holdingFetch(15);
    TickingClock clock = new TickingClock(Instant.parse("2024-03-11T22:30:00Z"));
    SymbolSessions sessions = WorkerHarness.sessions(clock);
    Worker first = harness.worker("worker-a", clock,
        List.of(new IngestJob(harness.openStore(), sessions, provider, "counting")), true, 1, 20);
    first.start();

    assertThat(provider.held.await(30, TimeUnit.SECONDS)).isTrue();
    first.requestStop();
    provider.release.countDown();
    first.close();

    JobRun interrupted = onlyRun();
    assertThat(interrupted.status()).isEqualTo(JobStatus.INTERRUPTED);
    assertThat(interrupted.interruptions()).isOne();
    assertThat(interrupted.counts().symbolsOk()).isEqualTo(15);
    assertThat(interrupted.error()).hasValueSatisfying(e -> assertThat(e).contains("worker-a", "5 symbols of batch 0"));
    assertThat(harness.store.countBars(Optional.empty())).isEqualTo(15);

    Worker restarted = harness.worker("worker-a", clock,
        List.of(new IngestJob(harness.openStore(), sessions, provider, "counting")), false, 1, 20);
    restarted.start();
    JobRun finished = Await.until("the run to finish", this::onlyRun, JobRun::finished, LIMIT);

    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.interruptions()).isOne();
    assertThat(finished.error()).isEmpty();
    assertThat(finished.counts().symbolsOk()).isEqualTo(50);
    assertThat(finished.counts().barsInserted()).isEqualTo(50);
    assertThat(provider.fetchCounts()).hasSize(50).allSatisfy((symbol, fetches) -> assertThat(fetches).isOne());
    assertEachSymbolStoredOnce(symbols);
  }

  @Test
  void killedWorkersBatchIsTakenOverAfterItsHeartbeatStopsWithNothingLostOrStoredTwice() throws Exception {
    List<Symbol> symbols = harness.addSymbols(50);
    CountingProvider provider = new CountingProvider().holdingFetch(15);
    TickingClock clock = new TickingClock(Instant.parse("2024-03-11T22:30:00Z"));
    SymbolSessions sessions = WorkerHarness.sessions(clock);
    MarketStore killedStore = harness.openStore();
    List<DailyJob> killedJobs = List.of(new IngestJob(killedStore, sessions, provider, "counting"));
    Worker killed = harness.worker(WorkerHarness.settings("worker-a", killedJobs, LocalTime.of(18, 0), true, 1, 20),
        killedStore, clock, killedJobs);
    killed.start();
    assertThat(provider.held.await(30, TimeUnit.SECONDS)).isTrue();

    // The process dies with the 15th symbol in hand: its connections go, its heartbeats stop, nothing is cleaned up.
    killedStore.close();
    clock.advance(Duration.ofMinutes(1));

    CountingProvider afterRestart = new CountingProvider();
    Worker restarted = harness.worker("worker-a", clock,
        List.of(new IngestJob(harness.openStore(), sessions, afterRestart, "counting")), false, 1, 20);
    restarted.start();
    JobRun finished = Await.until("the run to finish", this::onlyRun, JobRun::finished, LIMIT);
    // The dead worker's thread wakes up to a closed pool: it can no longer write anything.
    provider.release.countDown();

    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.counts().symbolsOk()).isEqualTo(50);
    assertThat(finished.counts().barsInserted()).isEqualTo(50);
    // The dead worker had fetched S000..S014 and stored all but S014, the symbol in hand; the restarted worker
    // fetches S014 again and what followed it, once each.
    assertThat(provider.fetchCounts().keySet()).containsExactlyElementsOf(symbols.subList(0, 15));
    assertThat(afterRestart.fetchCounts().keySet()).containsExactlyElementsOf(symbols.subList(14, 50));
    assertThat(afterRestart.fetchCounts().values()).allSatisfy(fetches -> assertThat(fetches).isOne());
    assertEachSymbolStoredOnce(symbols);
    assertThat(harness.history.latest(10)).hasSize(1);
  }
}
