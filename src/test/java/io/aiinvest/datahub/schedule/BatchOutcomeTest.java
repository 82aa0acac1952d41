package io.aiinvest.datahub.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.schedule.jdbc.JobDatabase;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.testing.Await;
import io.aiinvest.datahub.testing.TickingClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a unit of work ends when its job misbehaves, a symbol vanishes or a stop cuts a symbol short. */
class BatchOutcomeTest {
  private final WorkerHarness harness = new WorkerHarness();
  private final TickingClock clock = new TickingClock(Instant.parse("2024-03-12T12:00:00Z"));

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  /** A job whose behaviour per symbol the test gives. */
  private static DailyJob job(BiFunction<SymbolInfo, JobContext, SymbolResult> perSymbol) {
    return new PerSymbolJob() {
      @Override
      public String name() {
        return "probe";
      }

      @Override
      protected SymbolResult runSymbol(SymbolInfo symbol, JobContext context) {
        return perSymbol.apply(symbol, context);
      }
    };
  }

  private Worker start(DailyJob job) {
    return start(job, 10);
  }

  /** One thread: batches run one after the other. */
  private Worker start(DailyJob job, int batchSize) {
    MarketStore store = harness.openStore();
    Worker worker = harness.worker(
        WorkerHarness.settings("w1", List.of(job), LocalTime.of(18, 0), true, 1, batchSize), store, clock,
        List.of(job));
    worker.start();
    return worker;
  }

  private JobRun finishedRun() {
    return Await.until("the run to finish", () -> harness.history.latest(1),
        runs -> runs.size() == 1 && runs.get(0).finished(), Duration.ofSeconds(20)).get(0);
  }

  @Test
  void aSymbolThatThrowsFailsAloneAndTheRunFailsNamingIt() {
    harness.addSymbols(3);
    start(job((symbol, context) -> {
      if (symbol.symbol().value().equals("S001")) {
        throw new DatahubException("stooq: HTTP 503");
      }
      return SymbolResult.ok(symbol.symbol(), 1, 0, 0, 0, 0);
    }));

    JobRun run = finishedRun();
    assertThat(run.status()).isEqualTo(JobStatus.FAILED);
    assertThat(run.counts().symbolsOk()).isEqualTo(2);
    assertThat(run.counts().symbolsFailed()).isOne();
    assertThat(run.error()).contains("1 of 3 symbols failed: S001: stooq: HTTP 503");
  }

  @Test
  void aJobThatBreaksOffFailsTheSymbolsItLeft() {
    harness.addSymbols(3);
    DailyJob breaksOff = new DailyJob() {
      @Override
      public String name() {
        return "probe";
      }

      @Override
      public JobCounts run(JobContext context) {
        SymbolInfo first = context.symbols().get(0);
        context.record(SymbolResult.ok(first.symbol(), 0, 0, 0, 0, 0));
        throw new IllegalStateException("lost the plot");
      }
    };
    start(breaksOff);

    JobRun run = finishedRun();
    assertThat(run.counts().symbolsOk()).isOne();
    assertThat(run.counts().symbolsFailed()).isEqualTo(2);
    assertThat(run.error()).hasValueSatisfying(e -> assertThat(e).contains(
        "S001: unexpected java.lang.IllegalStateException: lost the plot"));
  }

  @Test
  void aSymbolTheJobNeverReportsFailsSoTheRunStillEnds() {
    harness.addSymbols(2);
    DailyJob forgetful = new DailyJob() {
      @Override
      public String name() {
        return "probe";
      }

      @Override
      public JobCounts run(JobContext context) {
        return JobCounts.ZERO;
      }
    };
    start(forgetful);

    JobRun run = finishedRun();
    assertThat(run.counts().symbolsFailed()).isEqualTo(2);
    assertThat(run.error()).hasValueSatisfying(e -> assertThat(e).contains(
        "S000: probe returned without a result for it"));
  }

  @Test
  void aSymbolDeletedAfterPlanningFailsAsNoLongerRegistered() throws Exception {
    harness.addSymbols(2);
    // One symbol per batch: S001 is deleted while the batch of S000 runs, after the planner listed it.
    start(job((symbol, context) -> {
      deleteSymbol("S001");
      return SymbolResult.ok(symbol.symbol(), 0, 0, 0, 0, 0);
    }), 1);

    JobRun run = finishedRun();
    assertThat(run.counts().symbolsOk()).isOne();
    assertThat(run.error()).contains("1 of 2 symbols failed: S001: S001 is no longer registered");
  }

  private void deleteSymbol(String symbol) {
    try (Connection connection = JobDatabase.of(harness.store).dataSource().getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM market_data.symbol_map WHERE symbol = ?")) {
      delete.setString(1, symbol);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aSymbolCutShortByTheShutdownIsLeftForTheNextWorkerNotFailed() {
    List<Symbol> symbols = harness.addSymbols(3);
    AtomicReference<Worker> worker = new AtomicReference<>();
    Worker started = start(job((symbol, context) -> {
      if (symbol.symbol().value().equals("S001")) {
        worker.get().requestStop();
        return SymbolResult.failed(symbol.symbol(), "interrupted");
      }
      return SymbolResult.ok(symbol.symbol(), 1, 0, 0, 0, 0);
    }));
    worker.set(started);

    JobRun run = Await.until("the run to be interrupted", () -> harness.history.latest(1),
        runs -> runs.size() == 1 && runs.get(0).status() == JobStatus.INTERRUPTED, Duration.ofSeconds(20)).get(0);
    assertThat(run.counts().symbolsOk()).isOne();
    assertThat(run.counts().symbolsFailed()).isZero();
    assertThat(harness.history.pendingSymbols(run.id(), 0)).containsExactlyElementsOf(symbols.subList(1, 3));
  }
}
