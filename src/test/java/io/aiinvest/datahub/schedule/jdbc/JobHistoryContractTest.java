package io.aiinvest.datahub.schedule.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.schedule.JobHistory;
import io.aiinvest.datahub.schedule.JobRun;
import io.aiinvest.datahub.schedule.JobStatus;
import io.aiinvest.datahub.schedule.JobTrigger;
import io.aiinvest.datahub.schedule.RunPlan;
import io.aiinvest.datahub.schedule.SymbolResult;
import io.aiinvest.datahub.store.MarketStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job history tables, the same on every database: runs keyed by job and slot with the provider they ran with,
 * symbols recorded once, runs finished once, and the history of an older schema kept when it is migrated.
 */
abstract class JobHistoryContractTest {
  private static final Instant SLOT = Instant.parse("2024-03-11T22:00:00Z");
  private static final Instant LATER = Instant.parse("2024-03-11T22:05:00Z");
  private static final List<Symbol> FIVE = List.of(new Symbol("E"), new Symbol("A"), new Symbol("D"), new Symbol("B"),
      new Symbol("C"));

  /** The history tables as migration V41 left them, with one finished ingest run of two symbols, A and B. */
  static final List<String> V41_HISTORY = List.of(
      "INSERT INTO market_data.job_runs (job, scheduled_for, run_trigger, session_date, started_at, ended_at,"
          + " status, symbols_total, symbols_ok, bars_inserted)"
          + " VALUES ('ingest', TIMESTAMPTZ '2024-03-08 23:00:00+00', 'schedule', DATE '2024-03-08',"
          + " TIMESTAMPTZ '2024-03-08 23:00:01+00', TIMESTAMPTZ '2024-03-08 23:00:09+00', 'succeeded', 2, 2, 80)",
      "INSERT INTO market_data.job_run_items (run_id, symbol, batch, status, worker, bars_inserted)"
          + " SELECT id, s.symbol, 0, 'succeeded', 'w1', 40 FROM market_data.job_runs,"
          + " (VALUES ('A'), ('B')) AS s(symbol) WHERE job = 'ingest'");

  private MarketStore store;
  private JobHistory history;

  /** A store on a new database of its own, migrated to the latest version. */
  abstract MarketStore openStore();

  /** Creates the test's database at schema version 41, without opening a store, and connects to it. */
  abstract Connection connectAtVersion41() throws SQLException;

  /** Drops the test's database, after its store is closed. */
  abstract void dropDatabase();

  private JobHistory history() {
    if (history == null) {
      store = openStore();
      history = JobDatabase.of(store).history();
    }
    return history;
  }

  @AfterEach
  void drop() {
    if (store != null) {
      store.close();
    }
    dropDatabase();
  }

  private static RunPlan plan(String job, Instant slot, List<String> then) {
    return new RunPlan(job, JobTrigger.SCHEDULE, slot, LocalDate.parse("2024-03-11"), slot, then, Optional.empty());
  }

  private JobRun planFive() {
    return history().plan(plan("ingest", SLOT, List.of()), FIVE, 2);
  }

  @Test
  void planningTheSameSlotTwiceFindsTheFirstRun() {
    JobRun first = planFive();
    JobRun again = history().plan(plan("ingest", SLOT, List.of()), List.of(new Symbol("Z")), 1);

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.symbolsTotal()).isEqualTo(5);
    assertThat(history().pendingBatches(first.id())).containsExactly(0, 1, 2);
    assertThat(history().plan(plan("repair", SLOT, List.of()), FIVE, 2).id()).isNotEqualTo(first.id());
  }

  @Test
  void batchesFollowSymbolOrder() {
    JobRun run = planFive();

    assertThat(history().pendingSymbols(run.id(), 0)).extracting(Symbol::value).containsExactly("A", "B");
    assertThat(history().pendingSymbols(run.id(), 1)).extracting(Symbol::value).containsExactly("C", "D");
    assertThat(history().pendingSymbols(run.id(), 2)).extracting(Symbol::value).containsExactly("E");
  }

  @Test
  void aSymbolIsCountedOnceHoweverManyWorkersRecordIt() {
    JobRun run = planFive();
    Symbol a = new Symbol("A");

    assertThat(history().record(run.id(), SymbolResult.ok(a, 10, 1, 0, 0, 0), "w1", LATER)).isTrue();
    assertThat(history().record(run.id(), SymbolResult.ok(a, 10, 1, 0, 0, 0), "w2", LATER)).isFalse();

    JobRun running = history().findRun(run.id()).orElseThrow();
    assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(running.counts().symbolsOk()).isOne();
    assertThat(running.counts().barsInserted()).isEqualTo(10);
    assertThat(history().pendingSymbols(run.id(), 0)).extracting(Symbol::value).containsExactly("B");
    assertThat(history().finishIfDone(run.id(), LATER)).isEmpty();
  }

  @Test
  void aRunWithFailedSymbolsFinishesFailedNamingThem() {
    JobRun run = planFive();
    for (Symbol symbol : FIVE) {
      SymbolResult result = symbol.value().equals("B") || symbol.value().equals("D")
          ? SymbolResult.failed(symbol, "yahoo: no data")
          : SymbolResult.ok(symbol, 2, 0, 1, 0, 0);
      history().record(run.id(), result, "w1", LATER);
    }

    JobRun finished = history().finishIfDone(run.id(), LATER).orElseThrow();
    assertThat(finished.status()).isEqualTo(JobStatus.FAILED);
    assertThat(finished.endedAt()).contains(LATER);
    assertThat(finished.counts().symbolsOk()).isEqualTo(3);
    assertThat(finished.counts().symbolsFailed()).isEqualTo(2);
    assertThat(finished.counts().barsInserted()).isEqualTo(6);
    assertThat(finished.counts().actionsInserted()).isEqualTo(3);
    assertThat(finished.error()).contains("2 of 5 symbols failed: B: yahoo: no data; D: yahoo: no data");

    // A second worker finishing the same run changes nothing.
    assertThat(history().finishIfDone(run.id(), LATER.plusSeconds(60))).contains(finished);
  }

  @Test
  void aRunWithNoSymbolsFinishesAtOnceSucceeded() {
    JobRun run = history().plan(plan("quality", SLOT, List.of()), List.of(), 25);

    assertThat(history().pendingBatches(run.id())).isEmpty();
    assertThat(history().finishIfDone(run.id(), LATER)).hasValueSatisfying(
        finished -> assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED));
  }

  @Test
  void oneStopCountsOneInterruptionAndAResumedRunIsRunningAgain() {
    JobRun run = planFive();

    // One shutdown releases two batches.
    history().interrupted(run.id(), "stopped by the shutdown of worker w1", LATER);
    history().interrupted(run.id(), "stopped by the shutdown of worker w1", LATER);
    JobRun interrupted = history().findRun(run.id()).orElseThrow();
    assertThat(interrupted.status()).isEqualTo(JobStatus.INTERRUPTED);
    assertThat(interrupted.interruptions()).isOne();
    assertThat(interrupted.endedAt()).contains(LATER);
    assertThat(interrupted.error()).contains("stopped by the shutdown of worker w1");
    assertThat(history().unfinished()).extracting(JobRun::id).containsExactly(run.id());

    history().resumed(run.id());
    JobRun resumed = history().findRun(run.id()).orElseThrow();
    assertThat(resumed.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(resumed.endedAt()).isEmpty();
    assertThat(resumed.error()).isEmpty();

    history().interrupted(run.id(), "stopped again", LATER);
    assertThat(history().findRun(run.id()).orElseThrow().interruptions()).isEqualTo(2);
  }

  @Test
  void listsTheLatestRunsAndTheLastRunOfEachJob() {
    JobRun monday = history().plan(plan("ingest", SLOT, List.of()), List.of(), 25);
    JobRun tuesday = history().plan(plan("ingest", SLOT.plusSeconds(86_400), List.of()), List.of(), 25);
    JobRun repair = history().plan(plan("repair", SLOT.plusSeconds(3_600), List.of("quality")), List.of(), 25);

    assertThat(history().latest(2)).extracting(JobRun::id).containsExactly(tuesday.id(), repair.id());
    assertThat(history().latest(10)).extracting(JobRun::id).containsExactly(tuesday.id(), repair.id(), monday.id());
    assertThat(history().lastRunPerJob()).extracting(JobRun::id).containsExactly(tuesday.id(), repair.id());
    assertThat(history().findRun(repair.id()).orElseThrow().thenJobs()).containsExactly("quality");
  }

  @Test
  void keepsTheProviderChainAFetchingJobRanWith() {
    JobRun ingest = history().plan(new RunPlan("ingest", JobTrigger.RUN_NOW, SLOT, LocalDate.parse("2024-03-11"),
        SLOT, List.of("quality"), Optional.of("yahoo,stooq")), FIVE, 2);
    JobRun quality = history().plan(plan("quality", SLOT, List.of()), FIVE, 2);

    assertThat(ingest.provider()).contains("yahoo,stooq");
    assertThat(quality.provider()).isEmpty();
    assertThat(history().latest(10)).extracting(JobRun::job, JobRun::provider).containsExactlyInAnyOrder(
        Tuple.tuple("ingest", Optional.of("yahoo,stooq")),
        Tuple.tuple("quality", Optional.empty()));
  }

  @Test
  void aHistoryKeptBeforeTheProviderColumnSurvivesTheMigrationAndNewRunsRecordTheirProvider() throws SQLException {
    try (Connection connection = connectAtVersion41(); Statement statement = connection.createStatement()) {
      for (String sql : V41_HISTORY) {
        statement.execute(sql);
      }
    }

    List<JobRun> runs = history().latest(10);

    assertThat(runs).singleElement().satisfies(run -> {
      assertThat(run.job()).isEqualTo("ingest");
      assertThat(run.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(run.scheduledFor()).isEqualTo(Instant.parse("2024-03-08T23:00:00Z"));
      assertThat(run.session()).isEqualTo(LocalDate.parse("2024-03-08"));
      assertThat(run.endedAt()).contains(Instant.parse("2024-03-08T23:00:09Z"));
      assertThat(run.counts().symbolsOk()).isEqualTo(2);
      assertThat(run.counts().barsInserted()).isEqualTo(80);
      assertThat(run.provider()).isEmpty();
    });
    long old = runs.get(0).id();
    JobRun next = history().plan(new RunPlan("ingest", JobTrigger.SCHEDULE, SLOT, LocalDate.parse("2024-03-11"), SLOT,
        List.of(), Optional.of("yahoo")), FIVE, 25);
    assertThat(next.id()).isGreaterThan(old);
    assertThat(history().findRun(next.id()).orElseThrow().provider()).contains("yahoo");
    assertThat(history().pendingBatches(next.id())).containsExactly(0);
  }
}
