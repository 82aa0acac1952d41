package io.aiinvest.datahub.schedule.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.schedule.JobRun;
import io.aiinvest.datahub.schedule.JobStatus;
import io.aiinvest.datahub.schedule.JobTrigger;
import io.aiinvest.datahub.schedule.RunPlan;
import io.aiinvest.datahub.schedule.SymbolResult;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.TestPostgres;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The job history tables: runs keyed by job and slot, symbols recorded once, runs finished once. */
class PostgresJobHistoryTest {
  private static final Instant SLOT = Instant.parse("2024-03-11T22:00:00Z");
  private static final Instant LATER = Instant.parse("2024-03-11T22:05:00Z");
  private static final List<Symbol> FIVE = List.of(new Symbol("E"), new Symbol("A"), new Symbol("D"), new Symbol("B"),
      new Symbol("C"));

  private final ScratchDatabase database = TestPostgres.scratch();
  private final PostgresMarketStore store = PostgresMarketStore.open(database.target(), TestPostgres.config(database));
  private final PostgresJobHistory history = PostgresJobHistory.of(store);

  @AfterEach
  void drop() {
    store.close();
    database.close();
  }

  private static RunPlan plan(String job, Instant slot, List<String> then) {
    return new RunPlan(job, JobTrigger.SCHEDULE, slot, LocalDate.parse("2024-03-11"), slot, then);
  }

  private JobRun planFive() {
    return history.plan(plan("ingest", SLOT, List.of()), FIVE, 2);
  }

  @Test
  void planningTheSameSlotTwiceFindsTheFirstRun() {
    JobRun first = planFive();
    JobRun again = history.plan(plan("ingest", SLOT, List.of()), List.of(new Symbol("Z")), 1);

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.symbolsTotal()).isEqualTo(5);
    assertThat(history.pendingBatches(first.id())).containsExactly(0, 1, 2);
    assertThat(history.plan(plan("repair", SLOT, List.of()), FIVE, 2).id()).isNotEqualTo(first.id());
  }

  @Test
  void batchesFollowSymbolOrder() {
    JobRun run = planFive();

    assertThat(history.pendingSymbols(run.id(), 0)).extracting(Symbol::value).containsExactly("A", "B");
    assertThat(history.pendingSymbols(run.id(), 1)).extracting(Symbol::value).containsExactly("C", "D");
    assertThat(history.pendingSymbols(run.id(), 2)).extracting(Symbol::value).containsExactly("E");
  }

  @Test
  void aSymbolIsCountedOnceHoweverManyWorkersRecordIt() {
    JobRun run = planFive();
    Symbol a = new Symbol("A");

    assertThat(history.record(run.id(), SymbolResult.ok(a, 10, 1, 0, 0, 0), "w1", LATER)).isTrue();
    assertThat(history.record(run.id(), SymbolResult.ok(a, 10, 1, 0, 0, 0), "w2", LATER)).isFalse();

    JobRun running = history.findRun(run.id()).orElseThrow();
    assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(running.counts().symbolsOk()).isOne();
    assertThat(running.counts().barsInserted()).isEqualTo(10);
    assertThat(history.pendingSymbols(run.id(), 0)).extracting(Symbol::value).containsExactly("B");
    assertThat(history.finishIfDone(run.id(), LATER)).isEmpty();
  }

  @Test
  void aRunWithFailedSymbolsFinishesFailedNamingThem() {
    JobRun run = planFive();
    for (Symbol symbol : FIVE) {
      SymbolResult result = symbol.value().equals("B") || symbol.value().equals("D")
          ? SymbolResult.failed(symbol, "yahoo: no data")
          : SymbolResult.ok(symbol, 2, 0, 1, 0, 0);
      history.record(run.id(), result, "w1", LATER);
    }

    JobRun finished = history.finishIfDone(run.id(), LATER).orElseThrow();
    assertThat(finished.status()).isEqualTo(JobStatus.FAILED);
    assertThat(finished.endedAt()).contains(LATER);
    assertThat(finished.counts().symbolsOk()).isEqualTo(3);
    assertThat(finished.counts().symbolsFailed()).isEqualTo(2);
    assertThat(finished.counts().barsInserted()).isEqualTo(6);
    assertThat(finished.counts().actionsInserted()).isEqualTo(3);
    assertThat(finished.error()).contains("2 of 5 symbols failed: B: yahoo: no data; D: yahoo: no data");

    // A second worker finishing the same run changes nothing.
    assertThat(history.finishIfDone(run.id(), LATER.plusSeconds(60))).contains(finished);
  }

  @Test
  void aRunWithNoSymbolsFinishesAtOnceSucceeded() {
    JobRun run = history.plan(plan("quality", SLOT, List.of()), List.of(), 25);

    assertThat(history.pendingBatches(run.id())).isEmpty();
    assertThat(history.finishIfDone(run.id(), LATER)).hasValueSatisfying(
        finished -> assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED));
  }

  @Test
  void oneStopCountsOneInterruptionAndAResumedRunIsRunningAgain() {
    JobRun run = planFive();

    // One shutdown releases two batches.
    history.interrupted(run.id(), "stopped by the shutdown of worker w1", LATER);
    history.interrupted(run.id(), "stopped by the shutdown of worker w1", LATER);
    JobRun interrupted = history.findRun(run.id()).orElseThrow();
    assertThat(interrupted.status()).isEqualTo(JobStatus.INTERRUPTED);
    assertThat(interrupted.interruptions()).isOne();
    assertThat(interrupted.endedAt()).contains(LATER);
    assertThat(interrupted.error()).contains("stopped by the shutdown of worker w1");
    assertThat(history.unfinished()).extracting(JobRun::id).containsExactly(run.id());

    history.resumed(run.id());
    JobRun resumed = history.findRun(run.id()).orElseThrow();
    assertThat(resumed.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(resumed.endedAt()).isEmpty();
    assertThat(resumed.error()).isEmpty();

    history.interrupted(run.id(), "stopped again", LATER);
    assertThat(history.findRun(run.id()).orElseThrow().interruptions()).isEqualTo(2);
  }

  @Test
  void listsTheLatestRunsAndTheLastRunOfEachJob() {
    JobRun monday = history.plan(plan("ingest", SLOT, List.of()), List.of(), 25);
    JobRun tuesday = history.plan(plan("ingest", SLOT.plusSeconds(86_400), List.of()), List.of(), 25);
    JobRun repair = history.plan(plan("repair", SLOT.plusSeconds(3_600), List.of("quality")), List.of(), 25);

    assertThat(history.latest(2)).extracting(JobRun::id).containsExactly(tuesday.id(), repair.id());
    assertThat(history.latest(10)).extracting(JobRun::id).containsExactly(tuesday.id(), repair.id(), monday.id());
    assertThat(history.lastRunPerJob()).extracting(JobRun::id).containsExactly(tuesday.id(), repair.id());
    assertThat(history.findRun(repair.id()).orElseThrow().thenJobs()).containsExactly("quality");
  }
}
