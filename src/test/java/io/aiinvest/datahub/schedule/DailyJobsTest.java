package io.aiinvest.datahub.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.ingest.RefusedRowLog;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderChain;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.quality.FindingDetails;
import io.aiinvest.datahub.quality.QualityCheck;
import io.aiinvest.datahub.quality.QualityRunner;
import io.aiinvest.datahub.store.FindingQuery;
import io.aiinvest.datahub.testing.Bars;
import io.aiinvest.datahub.testing.RefusingProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bodies of the four daily jobs, each given a unit of work directly, against the real store. */
class DailyJobsTest {
  private static final LocalDate SESSION = LocalDate.parse("2024-03-11");

  private final WorkerHarness harness = new WorkerHarness();
  private final CountingProvider provider = new CountingProvider();
  /** Monday 11 March 2024, 18:00 New York: the session has closed. */
  private final Clock clock = Clock.fixed(Instant.parse("2024-03-11T22:00:00Z"), ZoneOffset.UTC);
  private final SymbolSessions sessions = WorkerHarness.sessions(clock);
  private final Symbol aaa = new Symbol("AAA");
  private final Symbol bbb = new Symbol("BBB");

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  /** A unit of work that keeps what the job records. */
  private static final class RecordingContext implements JobContext {
    final List<SymbolInfo> symbols;
    final List<SymbolResult> results = new CopyOnWriteArrayList<>();
    volatile boolean stop;

    RecordingContext(List<SymbolInfo> symbols) {
      this.symbols = symbols;
    }

    @Override
    public LocalDate session() {
      return SESSION;
    }

    @Override
    public List<SymbolInfo> symbols() {
      return symbols;
    }

    @Override
    public boolean stopRequested() {
      return stop;
    }

    @Override
    public void record(SymbolResult result) {
      results.add(result);
    }
  }

  private RecordingContext context(Symbol... symbols) {
    List<SymbolInfo> infos = new ArrayList<>();
    for (Symbol symbol : symbols) {
      infos.add(harness.store.upsertSymbol(SymbolInfo.of(symbol)));
    }
    return new RecordingContext(infos);
  }

  @Test
  void ingestAsksForWhatFollowsTheLastStoredBarAndSkipsSymbolsAlreadyUpToDate() {
    RecordingContext context = context(aaa, bbb);
    harness.store.upsertBars(List.of(Bars.flat("AAA", "2024-03-07", "10", 100)));
    harness.store.upsertBars(List.of(Bars.flat("BBB", "2024-03-11", "10", 100)));

    JobCounts counts = WorkerHarness.ingestJob(harness.store, clock, provider).run(context);

    assertThat(provider.ranges(aaa)).containsExactly(DateRange.of(LocalDate.parse("2024-03-08"), SESSION));
    assertThat(provider.ranges(bbb)).isEmpty();
    assertThat(context.results).extracting(SymbolResult::succeeded).containsExactly(true, true);
    assertThat(counts.symbolsOk()).isEqualTo(2);
    assertThat(counts.barsInserted()).isOne();
  }

  @Test
  void ingestOfANewSymbolStartsAtTheConfiguredHistoryStart() {
    RecordingContext context = context(aaa);

    WorkerHarness.ingestJob(harness.store, clock, provider).run(context);

    // DATAHUB_DEFAULT_HISTORY_START, one year back by default, as for datahub ingest.
    assertThat(provider.ranges(aaa)).containsExactly(DateRange.of(LocalDate.parse("2023-03-12"), SESSION));
  }

  /** Answers every fetch with the bars of 4-11 March at 11.00, whatever range it is asked for. */
  private static final class WholeWeekProvider implements BarProvider {
    @Override
    public ProviderId id() {
      return ProviderId.of("test");
    }

    @Override
    public ProviderBars fetch(Symbol symbol, DateRange range) {
      List<DailyBar> bars = Stream.of("2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08",
          "2024-03-11").map(day -> Bars.flat(symbol.value(), day, "11", 200)).toList();
      return new ProviderBars(symbol, id(), PriceBasis.AS_TRADED, bars, List.of(), List.of());
    }
  }

  @Test
  void ingestGoesThroughTheWorkflowStoringOnlySessionsAfterTheLastStoredBarFromTheFirstProviderThatDelivers() {
    RecordingContext context = context(aaa);
    harness.store.upsertBars(List.of(Bars.flat("AAA", "2024-03-07", "10", 100)));
    BarProvider down = new BarProvider() {
      @Override
      public ProviderId id() {
        return ProviderId.of("down");
      }

      @Override
      public ProviderBars fetch(Symbol symbol, DateRange range) {
        throw new ProviderException(id(), ProviderException.Kind.UNAVAILABLE, symbol + ": HTTP 503");
      }
    };

    JobCounts counts = WorkerHarness.ingestJob(harness.store, clock, down, new WholeWeekProvider()).run(context);

    // The provider sent the whole week; only the sessions after the stored 7 March are stored, and the stored bar
    // is left as it was.
    assertThat(harness.store.bars(aaa, DateRange.ALL)).extracting(DailyBar::date).containsExactly(
        LocalDate.parse("2024-03-07"), LocalDate.parse("2024-03-08"), SESSION);
    assertThat(harness.store.bars(aaa, DateRange.of(LocalDate.parse("2024-03-07"), LocalDate.parse("2024-03-07"))))
        .singleElement().satisfies(bar -> assertThat(bar.close()).isEqualByComparingTo("10"));
    assertThat(harness.store.revisions(aaa, DateRange.ALL)).isEmpty();
    assertThat(harness.store.bars(aaa, DateRange.of(LocalDate.parse("2024-03-08"), SESSION)))
        .extracting(DailyBar::source).containsOnly(ProviderId.of("test"));
    assertThat(context.results).singleElement().satisfies(result -> {
      assertThat(result.succeeded()).isTrue();
      assertThat(result.provider()).contains(ProviderId.of("test"));
      assertThat(result.barsInserted()).isEqualTo(2);
    });
    assertThat(counts.barsInserted()).isEqualTo(2);
    assertThat(counts.barsUpdated()).isZero();
  }

  @Test
  void ingestLeavesSymbolsPendingOnceAStopIsRequested() {
    RecordingContext context = context(aaa, bbb);
    context.stop = true;

    JobCounts counts = WorkerHarness.ingestJob(harness.store, clock, provider).run(context);

    assertThat(provider.total()).isZero();
    assertThat(context.results).isEmpty();
    assertThat(counts).isEqualTo(JobCounts.ZERO);
  }

  @Test
  void repairAsksOnlyForTheMissingSessionsOfTheLookbackWindow() {
    RecordingContext context = context(aaa);
    harness.store.upsertBars(List.of(Bars.flat("AAA", "2024-03-04", "10", 100)));

    JobCounts counts = new RepairJob(harness.store, sessions, provider, "counting", 30).run(context);

    // 5..11 March are missing after the bar of the 4th: one coalesced fetch; the provider sends the 11th only.
    assertThat(provider.ranges(aaa)).containsExactly(DateRange.of(LocalDate.parse("2024-03-05"), SESSION));
    assertThat(context.results).extracting(SymbolResult::succeeded).containsExactly(true);
    assertThat(counts.barsInserted()).isOne();
  }

  /** Every {@code ohlc_ingest} finding of the symbol, resolved ones too, newest first. */
  private List<QualityFinding> ingestFindings(Symbol symbol) {
    return harness.store.findings(new FindingQuery(Optional.of(symbol), Optional.empty(),
        Optional.of(RefusedRowLog.CHECK_TYPE), Optional.empty(), false, 100));
  }

  private static List<LocalDate> dates(QualityFinding finding) {
    return FindingDetails.dates(finding);
  }

  @Test
  void ingestLogsARowTheProviderSentThatCouldNotBeABarAsOneFindingAndCountsIt() {
    RecordingContext context = context(aaa);
    harness.store.upsertBars(List.of(Bars.flat("AAA", "2024-03-07", "10", 100)));
    RefusingProvider refusing = new RefusingProvider("test", SESSION, SESSION.toString());

    JobCounts counts = WorkerHarness.ingestJob(harness.store, clock, refusing).run(context);

    // 8 March is stored; the row of the 11th has its high below its low.
    assertThat(counts.barsInserted()).isOne();
    assertThat(counts.findings()).isOne();
    assertThat(context.results).singleElement().satisfies(result -> {
      assertThat(result.succeeded()).isTrue();
      assertThat(result.findings()).isOne();
    });
    assertThat(ingestFindings(aaa)).singleElement().satisfies(finding -> {
      assertThat(finding.resolved()).isFalse();
      assertThat(finding.severity()).isEqualTo(Severity.WARNING);
      assertThat(dates(finding)).containsExactly(SESSION);
      assertThat(finding.details()).contains(RefusingProvider.RULE).containsPattern("\"provider\": ?\"test\"");
      assertThat(finding.checkTime()).isEqualTo(clock.instant());
    });
  }

  @Test
  void aRerunThatIsRefusedTheSameRowAgainAddsNoSecondFinding() {
    RecordingContext first = context(aaa);
    harness.store.upsertBars(List.of(Bars.flat("AAA", "2024-03-07", "10", 100)));
    RefusingProvider refusing = new RefusingProvider("test", SESSION, SESSION.toString());
    IngestJob job = WorkerHarness.ingestJob(harness.store, clock, refusing);
    job.run(first);
    QualityFinding logged = ingestFindings(aaa).get(0);

    RecordingContext again = context(aaa);
    JobCounts counts = job.run(again);

    // The 11th is still the session after the last stored bar: asked for again, and refused again.
    assertThat(harness.store.lastBarDate(aaa)).contains(LocalDate.parse("2024-03-08"));
    assertThat(again.results).singleElement().satisfies(result -> assertThat(result.succeeded()).isTrue());
    assertThat(counts.findings()).isZero();
    assertThat(ingestFindings(aaa)).containsExactly(logged);
  }

  @Test
  void aCorrectedRowResolvesTheFindingAndKeepsItInTheHistory() {
    RecordingContext first = context(aaa);
    harness.store.upsertBars(List.of(Bars.flat("AAA", "2024-03-07", "10", 100)));
    RefusingProvider refusing = new RefusingProvider("test", SESSION, SESSION.toString());
    WorkerHarness.ingestJob(harness.store, clock, refusing).run(first);
    refusing.correct(SESSION);
    Clock later = Clock.offset(clock, Duration.ofHours(2));

    JobCounts counts = WorkerHarness.ingestJob(harness.store, later, refusing).run(context(aaa));

    assertThat(counts.barsInserted()).isOne();
    assertThat(counts.findings()).isZero();
    assertThat(harness.store.lastBarDate(aaa)).contains(SESSION);
    assertThat(ingestFindings(aaa)).singleElement().satisfies(finding -> {
      assertThat(finding.resolvedAt()).contains(later.instant());
      assertThat(finding.checkTime()).isEqualTo(clock.instant());
      assertThat(dates(finding)).containsExactly(SESSION);
    });
  }

  @Test
  void repairFillingARefusedSessionFromTheNextProviderOfTheChainResolvesItsFinding() {
    LocalDate refusedDay = LocalDate.parse("2024-03-07");
    RecordingContext first = context(aaa);
    harness.store.upsertBars(List.of(Bars.flat("AAA", "2024-03-06", "10", 100)));
    RefusingProvider refusing = new RefusingProvider("test", SESSION, refusedDay.toString());
    WorkerHarness.ingestJob(harness.store, clock, refusing).run(first);
    assertThat(ingestFindings(aaa)).singleElement().satisfies(f -> assertThat(dates(f)).containsExactly(refusedDay));
    RefusingProvider other = new RefusingProvider("other", SESSION);
    Clock later = Clock.offset(clock, Duration.ofHours(1));

    RecordingContext context = context(aaa);
    JobCounts counts = new RepairJob(harness.store, WorkerHarness.sessions(later),
        new ProviderChain(List.of(refusing, other)), "test,other", 30).run(context);

    // The first provider is refused the row again (nothing new to log); the second fills the session.
    assertThat(counts.barsInserted()).isOne();
    assertThat(counts.findings()).isZero();
    assertThat(harness.store.bars(aaa, DateRange.of(refusedDay, refusedDay))).singleElement()
        .satisfies(bar -> assertThat(bar.source()).isEqualTo(ProviderId.of("other")));
    assertThat(ingestFindings(aaa)).singleElement().satisfies(finding -> {
      assertThat(finding.resolvedAt()).contains(later.instant());
      assertThat(dates(finding)).containsExactly(refusedDay);
    });
  }

  @Test
  void corporateActionsAsksForTheLookbackWindowAndCountsNewActionsOnce() {
    RecordingContext context = context(aaa);
    List<DateRange> asked = new ArrayList<>();
    BarProvider withDividend = new BarProvider() {
      @Override
      public ProviderId id() {
        return ProviderId.of("test");
      }

      @Override
      public ProviderBars fetch(Symbol symbol, DateRange range) {
        asked.add(range);
        CorporateAction dividend = Bars.dividend("AAA", "2024-02-09", "0.24");
        return new ProviderBars(symbol, id(), PriceBasis.AS_TRADED,
            List.of(Bars.flat("AAA", "2024-03-11", "10", 100)), List.of(dividend), List.of());
      }
    };
    CorporateActionsJob job = WorkerHarness.corporateActionsJob(harness.store, clock, withDividend, 90);

    JobCounts first = job.run(context);
    JobCounts again = job.run(context);

    assertThat(asked.get(0)).isEqualTo(DateRange.of(LocalDate.parse("2023-12-12"), SESSION));
    assertThat(first.actionsInserted()).isOne();
    assertThat(again.actionsInserted()).isZero();
    assertThat(again.actionsRevised()).isZero();
    assertThat(harness.store.actions(aaa, DateRange.ALL)).hasSize(1);
    // Splits and dividends only, as ingest --actions-only: the bars delivered with them are not stored.
    assertThat(first.barsInserted()).isZero();
    assertThat(harness.store.bars(aaa, DateRange.ALL)).isEmpty();
  }

  /** A check of that name that finds a WARNING for the flagged symbol, or fails. */
  private static QualityCheck check(String name, Symbol flagged, Optional<String> failure) {
    return new QualityCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<QualityFinding> check(List<SymbolInfo> symbols, DateRange range) {
        failure.ifPresent(message -> {
          throw new DatahubException(message);
        });
        return List.of(new QualityFinding(Optional.empty(), flagged, name, Severity.WARNING,
            Instant.parse("2024-03-11T22:00:00Z"), range.from(), range.to(), 1, "{}", Optional.empty()));
      }
    };
  }

  @Test
  void qualityCountsTheFindingsItLogsPerSymbol() {
    RecordingContext context = context(aaa, bbb);
    // One logged row per (symbol, check): two checks that both flag BBB log two findings for it.
    QualityRunner runner = new QualityRunner(harness.store,
        List.of(check("probe", bbb, Optional.empty()), check("probe2", bbb, Optional.empty())), clock);

    JobCounts counts = new QualityJob(runner, 30).run(context);

    assertThat(context.results).extracting(SymbolResult::findings).containsExactly(0L, 2L);
    assertThat(counts.findings()).isEqualTo(2);
    assertThat(harness.store.findings(FindingQuery.ALL)).hasSize(2).allSatisfy(finding -> {
      assertThat(finding.rangeStart()).contains(LocalDate.parse("2024-02-10"));
      assertThat(finding.rangeEnd()).contains(SESSION);
    });
  }

  @Test
  void qualityFailsEverySymbolOfTheUnitWhenTheChecksFail() {
    RecordingContext context = context(aaa, bbb);
    QualityRunner runner = new QualityRunner(harness.store,
        List.of(check("probe", bbb, Optional.of("data_quality_log is locked"))), clock);

    JobCounts counts = new QualityJob(runner, 30).run(context);

    assertThat(counts.symbolsFailed()).isEqualTo(2);
    assertThat(context.results).allSatisfy(r -> assertThat(r.error()).contains("data_quality_log is locked"));
  }
}
