package io.aiinvest.datahub.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.RefusedRowLog;
import io.aiinvest.datahub.provider.ProviderChain;
import io.aiinvest.datahub.quality.FindingDetails;
import io.aiinvest.datahub.quality.QualityCheck;
import io.aiinvest.datahub.quality.QualityRunner;
import io.aiinvest.datahub.store.FindingQuery;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.testing.Await;
import io.aiinvest.datahub.testing.RefusingProvider;
import io.aiinvest.datahub.testing.TickingClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Run-now: the four daily jobs once at start, one after the other, each over every active symbol. */
class RunNowTest {
  final WorkerHarness harness = harness();

  /** The database the test runs on: PostgreSQL here, DuckDB in {@code DuckDbRunNowTest}. */
  WorkerHarness harness() {
    return new WorkerHarness();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  /** Finds one INFO finding per symbol, as a check that finds something everywhere would. */
  private static QualityCheck oneFindingEach(TickingClock clock) {
    return new QualityCheck() {
      @Override
      public String name() {
        return "probe";
      }

      @Override
      public List<QualityFinding> check(List<SymbolInfo> symbols, DateRange range) {
        return symbols.stream()
            .map(SymbolInfo::symbol)
            .map(symbol -> new QualityFinding(Optional.empty(), symbol, "probe", Severity.INFO, clock.instant(),
                range.from(), range.to(), 1, "{}", Optional.empty()))
            .toList();
      }
    };
  }

  @Test
  void runsIngestRepairCorporateActionsAndQualityOnceInThatOrder() {
    harness.addSymbols(3);
    // Tuesday 12 March 2024, 08:00 New York: the last completed session is Monday's, and no provider has Tuesday yet.
    CountingProvider provider = new CountingProvider().upTo(LocalDate.parse("2024-03-11"));
    TickingClock clock = new TickingClock(Instant.parse("2024-03-12T12:00:00Z"));
    MarketStore store = harness.openStore();
    SymbolSessions sessions = WorkerHarness.sessions(clock);
    List<DailyJob> jobs = List.of(
        WorkerHarness.ingestJob(store, clock, provider),
        new RepairJob(store, sessions, provider, "counting", 30),
        WorkerHarness.corporateActionsJob(store, clock, provider, 90),
        new QualityJob(new QualityRunner(store, List.of(oneFindingEach(clock)), clock), 30));
    Worker worker = harness.worker(WorkerHarness.settings("w1", jobs, LocalTime.of(18, 0), true, 2, 2),
        store, clock, jobs);
    worker.start();

    List<JobRun> runs = Await.until("four finished runs", () -> harness.history.latest(10),
            all -> all.size() == 4 && all.stream().allMatch(JobRun::finished), Duration.ofSeconds(30))
        .stream().sorted(Comparator.comparing(JobRun::id)).toList();

    assertThat(runs).extracting(JobRun::job)
        .containsExactly("ingest", "repair", "corporate-actions", "quality");
    assertThat(runs).allSatisfy(run -> {
      assertThat(run.trigger()).isEqualTo(JobTrigger.RUN_NOW);
      assertThat(run.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(run.session()).hasToString("2024-03-11");
      assertThat(run.scheduledFor()).isEqualTo(runs.get(0).scheduledFor());
      assertThat(run.counts().symbolsOk()).isEqualTo(3);
    });
    for (int i = 1; i < runs.size(); i++) {
      assertThat(runs.get(i).startedAt()).isAfterOrEqualTo(runs.get(i - 1).endedAt().orElseThrow());
    }
    // The fetching jobs keep the provider chain they ran with; quality reads the store only.
    assertThat(runs).extracting(JobRun::provider).containsExactly(Optional.of("counting"), Optional.of("counting"),
        Optional.of("counting"), Optional.empty());
    assertThat(runs.get(0).counts().barsInserted()).isEqualTo(3);
    // Each symbol's history starts at the session ingest stored, so repair finds nothing missing and fetches nothing.
    assertThat(runs.get(1).counts().barsInserted()).isZero();
    assertThat(runs.get(3).counts().findings()).isEqualTo(3);
    assertThat(harness.store.findings(FindingQuery.ALL)).hasSize(3);
    // Ingest and corporate actions ask once per symbol; repair had nothing to ask for; quality reads the store.
    assertThat(provider.fetchCounts().values()).containsOnly(2);
  }

  @Test
  void rowsIngestRefusesAreLoggedOnceAndResolvedWhenRepairFillsTheirSessionFromTheNextProvider() {
    List<Symbol> symbols = harness.addSymbols(2);
    LocalDate session = LocalDate.parse("2024-03-11");
    LocalDate refusedDay = LocalDate.parse("2024-03-07");
    // The first provider of the chain answers with a row whose high is below its low on 7 March; the second has it.
    RefusingProvider refusing = new RefusingProvider("test", session, refusedDay.toString());
    RefusingProvider other = new RefusingProvider("other", session);
    TickingClock clock = new TickingClock(Instant.parse("2024-03-12T12:00:00Z"));
    MarketStore store = harness.openStore();
    List<DailyJob> jobs = List.of(
        WorkerHarness.ingestJob(store, clock, refusing, other),
        new RepairJob(store, WorkerHarness.sessions(clock), new ProviderChain(List.of(refusing, other)),
            "test,other", 30));
    Worker worker = harness.worker(WorkerHarness.settings("w1", jobs, LocalTime.of(18, 0), true, 2, 1),
        store, clock, jobs);
    worker.start();

    List<JobRun> runs = Await.until("ingest and repair finished", () -> harness.history.latest(10),
            all -> all.size() == 2 && all.stream().allMatch(JobRun::finished), Duration.ofSeconds(30))
        .stream().sorted(Comparator.comparing(JobRun::id)).toList();

    assertThat(runs).extracting(JobRun::status).containsOnly(JobStatus.SUCCEEDED);
    // Ingest stores the first provider's answer and logs its refused row, one finding per symbol.
    assertThat(runs.get(0).counts().findings()).isEqualTo(2);
    // Repair asks the first provider again (refused again: nothing new), then the second, which fills the session.
    assertThat(runs.get(1).counts().barsInserted()).isEqualTo(2);
    assertThat(runs.get(1).counts().findings()).isZero();
    List<QualityFinding> logged = harness.store.findings(new FindingQuery(Optional.empty(), Optional.empty(),
        Optional.of(RefusedRowLog.CHECK_TYPE), Optional.empty(), false, 100));
    assertThat(logged).extracting(QualityFinding::symbol).containsExactlyInAnyOrderElementsOf(symbols);
    assertThat(logged).allSatisfy(finding -> {
      assertThat(FindingDetails.dates(finding)).containsExactly(refusedDay);
      assertThat(finding.resolvedAt()).hasValueSatisfying(at -> assertThat(at).isAfter(finding.checkTime()));
    });
    for (Symbol symbol : symbols) {
      assertThat(harness.store.bars(symbol, DateRange.of(refusedDay, refusedDay))).singleElement()
          .satisfies(bar -> assertThat(bar.source()).isEqualTo(ProviderId.of("other")));
    }
  }
}
