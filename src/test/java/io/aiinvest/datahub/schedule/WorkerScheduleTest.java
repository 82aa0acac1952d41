package io.aiinvest.datahub.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.testing.Await;
import io.aiinvest.datahub.testing.TickingClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker on the real job store firing daily jobs as a settable clock is moved to their slots: New York time across
 * both daylight-saving changes, holidays skipped, and a slot missed while no worker ran made up exactly once.
 */
class WorkerScheduleTest {
  private static final Duration LIMIT = Duration.ofSeconds(20);

  final WorkerHarness harness = harness();

  /** The database the test runs on: PostgreSQL here, DuckDB in {@code DuckDbWorkerScheduleTest}. */
  WorkerHarness harness() {
    return new WorkerHarness();
  }
  private final List<DailyJob> jobs = List.of(new OkJob("ingest"));

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private List<JobRun> runsWhenFinished(int count) {
    return Await.until(count + " finished runs", () -> harness.history.latest(10),
        runs -> runs.size() >= count && runs.stream().allMatch(JobRun::finished), LIMIT);
  }

  private Optional<Instant> nextRun(Worker worker) {
    return worker.nextRuns().get("ingest");
  }

  @Test
  void firesAt18NewYorkOnBothSidesOfEachDaylightSavingChange() {
    harness.addSymbols(2);
    TickingClock clock = new TickingClock(Instant.parse("2024-03-08T22:00:00Z"));
    Worker worker = harness.worker("w1", clock, jobs, false, 1, 10);
    worker.start();
    assertThat(nextRun(worker)).contains(Instant.parse("2024-03-08T23:00:00Z"));
    assertThat(harness.history.latest(10)).isEmpty();

    clock.set(Instant.parse("2024-03-08T23:00:00Z"));

    JobRun friday = runsWhenFinished(1).get(0);
    assertThat(friday.scheduledFor()).isEqualTo(Instant.parse("2024-03-08T23:00:00Z"));
    assertThat(friday.session()).isEqualTo(LocalDate.parse("2024-03-08"));
    assertThat(friday.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(friday.counts().symbolsOk()).isEqualTo(2);
    Await.until("the Monday slot", () -> nextRun(worker),
        next -> next.equals(Optional.of(Instant.parse("2024-03-11T22:00:00Z"))), LIMIT);

    clock.set(Instant.parse("2024-03-11T22:00:00Z"));
    JobRun monday = runsWhenFinished(2).get(0);
    assertThat(monday.scheduledFor()).isEqualTo(Instant.parse("2024-03-11T22:00:00Z"));
    assertThat(monday.session()).isEqualTo(LocalDate.parse("2024-03-11"));
    Await.until("the Tuesday slot", () -> nextRun(worker),
        next -> next.equals(Optional.of(Instant.parse("2024-03-12T22:00:00Z"))), LIMIT);

    // Autumn: the slot moves from 22:00Z back to 23:00Z when New York leaves daylight time. Jumping to the autumn
    // first makes up the Tuesday slot the jump skipped, once.
    clock.set(Instant.parse("2024-11-01T21:00:00Z"));
    assertThat(runsWhenFinished(3).get(0).scheduledFor()).isEqualTo(Instant.parse("2024-03-12T22:00:00Z"));
    Await.until("the Friday slot in daylight time", () -> nextRun(worker),
        next -> next.equals(Optional.of(Instant.parse("2024-11-01T22:00:00Z"))), LIMIT);
    clock.set(Instant.parse("2024-11-01T22:00:00Z"));
    JobRun fridayEdt = runsWhenFinished(4).get(0);
    assertThat(fridayEdt.scheduledFor()).isEqualTo(Instant.parse("2024-11-01T22:00:00Z"));
    Await.until("the Monday slot in standard time", () -> nextRun(worker),
        next -> next.equals(Optional.of(Instant.parse("2024-11-04T23:00:00Z"))), LIMIT);
    clock.set(Instant.parse("2024-11-04T23:00:00Z"));
    JobRun mondayEst = runsWhenFinished(5).get(0);
    assertThat(mondayEst.scheduledFor()).isEqualTo(Instant.parse("2024-11-04T23:00:00Z"));
    assertThat(mondayEst.session()).isEqualTo(LocalDate.parse("2024-11-04"));
  }

  @Test
  void skipsIndependenceDay() {
    harness.addSymbols(1);
    TickingClock clock = new TickingClock(Instant.parse("2024-07-03T21:00:00Z"));
    Worker worker = harness.worker("w1", clock, jobs, false, 1, 10);
    worker.start();
    clock.set(Instant.parse("2024-07-03T22:00:00Z"));

    JobRun wednesday = runsWhenFinished(1).get(0);
    assertThat(wednesday.session()).isEqualTo(LocalDate.parse("2024-07-03"));
    Await.until("the Friday slot", () -> nextRun(worker),
        next -> next.equals(Optional.of(Instant.parse("2024-07-05T22:00:00Z"))), LIMIT);

    // The worker runs through Independence Day at 18:00 without a run.
    clock.set(Instant.parse("2024-07-04T22:30:00Z"));
    assertThat(harness.history.latest(10)).hasSize(1);
    assertThat(nextRun(worker)).contains(Instant.parse("2024-07-05T22:00:00Z"));
  }

  @Test
  void slotMissedWhileNoWorkerRanIsMadeUpOnceOnRestart() {
    harness.addSymbols(3);
    // Monday 11 March 2024, 17:00 New York: the worker schedules the 18:00 slot, then goes down before it.
    TickingClock clock = new TickingClock(Instant.parse("2024-03-11T21:00:00Z"));
    Worker before = harness.worker("w1", clock, jobs, false, 1, 10);
    before.start();
    assertThat(nextRun(before)).contains(Instant.parse("2024-03-11T22:00:00Z"));
    before.close();
    harness.restart();

    // Wednesday 10:00 New York: the Monday and Tuesday slots passed with no worker running.
    clock.set(Instant.parse("2024-03-13T14:00:00Z"));
    Worker after = harness.worker("w1", clock, jobs, false, 1, 10);
    after.start();

    JobRun caughtUp = runsWhenFinished(1).get(0);
    assertThat(caughtUp.scheduledFor()).isEqualTo(Instant.parse("2024-03-11T22:00:00Z"));
    assertThat(caughtUp.session()).isEqualTo(LocalDate.parse("2024-03-12"));
    assertThat(caughtUp.counts().symbolsOk()).isEqualTo(3);
    Await.until("the Wednesday slot", () -> nextRun(after),
        next -> next.equals(Optional.of(Instant.parse("2024-03-13T22:00:00Z"))), LIMIT);
    assertThat(harness.history.latest(10)).hasSize(1);
  }
}
