package io.aiinvest.datahub.schedule;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker stopped or killed in the middle of a run, and a worker started after it: no symbol is lost, none is
 * stored twice, and the history says what happened.
 */
class WorkerRecoveryTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  final WorkerHarness harness = harness();

  /** The database the test runs on: PostgreSQL here, DuckDB in {@code DuckDbWorkerRecoveryTest}. */
  WorkerHarness harness() {
    return new WorkerHarness();
  }

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
    Worker first = harness.worker("worker-a", clock,
        List.of(WorkerHarness.ingestJob(harness.openStore(), clock, provider)), true, 1, 20);
    first.start();

    assertThat(provider.held.await(30, TimeUnit.SECONDS)).isTrue();
    first.requestStop();
    provider.release.countDown();
    first.close();
    harness.restart();

    // The workflow holds two symbols at once (one fetch at a time, one more waiting): the held 15th and at most the
    // one after it were in hand and are finished; the symbols not yet started stay pending.
    JobRun interrupted = onlyRun();
    long finishedBeforeStop = interrupted.counts().symbolsOk();
    assertThat(interrupted.status()).isEqualTo(JobStatus.INTERRUPTED);
    assertThat(interrupted.interruptions()).isOne();
    assertThat(finishedBeforeStop).isBetween(15L, 16L);
    assertThat(interrupted.error()).hasValueSatisfying(e -> assertThat(e)
        .contains("worker-a", (20 - finishedBeforeStop) + " symbols of batch 0"));
    assertThat(harness.store.countBars(Optional.empty())).isEqualTo(finishedBeforeStop);
    assertThat(provider.total()).isEqualTo((int) finishedBeforeStop);

    Worker restarted = harness.worker("worker-a", clock,
        List.of(WorkerHarness.ingestJob(harness.openStore(), clock, provider)), false, 1, 20);
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
  void killedWorkersBatchIsTakenOverWithNothingLostOrStoredTwice() throws Exception {
    List<Symbol> symbols = harness.addSymbols(50);
    CountingProvider provider = new CountingProvider().holdingFetch(15);
    TickingClock clock = new TickingClock(Instant.parse("2024-03-11T22:30:00Z"));
    MarketStore killedStore = harness.openStore();
    List<DailyJob> killedJobs = List.of(WorkerHarness.ingestJob(killedStore, clock, provider));
    Worker killed = harness.worker(WorkerHarness.settings("worker-a", killedJobs, LocalTime.of(18, 0), true, 1, 20),
        killedStore, clock, killedJobs);
    harness.start(killed);
    assertThat(provider.held.await(30, TimeUnit.SECONDS)).isTrue();
    // Writes are batched behind the fetches: let the 14 fetched before the held one reach the store and the history.
    Await.until("the symbols fetched before the held one to be recorded", this::onlyRun,
        run -> run.counts().symbolsOk() == 14, LIMIT);

    // The process dies with the 15th symbol in hand: its connections go, its heartbeats stop, nothing is cleaned up.
    harness.kill(killedStore);
    if (harness.sharedByWorkers()) {
      // Another worker takes the batch over once the dead one's heartbeat is a minute old. The next worker of an
      // embedded file takes it back as it starts: the clock stays, and the run still finishes.
      clock.advance(Duration.ofMinutes(1));
    }

    CountingProvider afterRestart = new CountingProvider();
    Worker restarted = harness.worker("worker-a", clock,
        List.of(WorkerHarness.ingestJob(harness.openStore(), clock, afterRestart)), false, 1, 20);
    harness.start(restarted);
    JobRun finished = Await.until("the run to finish", this::onlyRun, JobRun::finished, LIMIT);
    // The dead worker had fetched 15 symbols (the workflow runs two at once, so not strictly in symbol order) and
    // stored all but the one held; the restarted worker fetches the held one again and all the others, once each.
    Symbol held = provider.heldSymbol;
    Set<Symbol> storedByTheDead = new TreeSet<>(provider.fetchCounts().keySet());
    assertThat(storedByTheDead).hasSize(15).contains(held);
    assertThat(provider.fetchCounts().values()).containsOnly(1);
    storedByTheDead.remove(held);
    Set<Symbol> left = new TreeSet<>(symbols);
    left.removeAll(storedByTheDead);
    // The dead worker's threads wake up to a closed pool: they can no longer write anything.
    provider.release.countDown();

    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.counts().symbolsOk()).isEqualTo(50);
    assertThat(finished.counts().barsInserted()).isEqualTo(50);
    assertThat(finished.error()).isEmpty();
    // The embedded file's next worker records the run it found running as interrupted before resuming it; a worker
    // taking over on PostgreSQL just carries on.
    assertThat(finished.interruptions()).isEqualTo(harness.sharedByWorkers() ? 0 : 1);
    assertThat(afterRestart.fetchCounts().keySet()).containsExactlyElementsOf(left);
    assertThat(afterRestart.fetchCounts().values()).allSatisfy(fetches -> assertThat(fetches).isOne());
    assertEachSymbolStoredOnce(symbols);
    assertThat(harness.history.latest(10)).hasSize(1);
  }
}
