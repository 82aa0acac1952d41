package io.aiinvest.datahub.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.IngestService;
import io.aiinvest.datahub.ingest.SymbolOutcome;
import io.aiinvest.datahub.provider.csv.CsvBarProvider;
import io.aiinvest.datahub.store.FindingQuery;
import io.aiinvest.datahub.store.QualityWatermark;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.SampleHistory;
import io.aiinvest.datahub.testing.SettableClock;
import io.aiinvest.datahub.testing.TestPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite as the nightly job and the commands use it, on real SPY history in PostgreSQL: what gets logged, what
 * gets resolved and when, and what an incremental run looks at.
 */
class QualityServiceTest {
  private static final Symbol SPY = Symbol.of("SPY");
  private static final QualityOptions UNIT_ONLY = QualityOptions.DEFAULTS.withChecks(List.of(UnitErrorCheck.NAME));
  private static final LocalDate OLD = LocalDate.parse("2022-03-15");
  private static final LocalDate RECENT = LocalDate.parse("2025-03-14");

  @TempDir Path dir;

  private final SettableClock clock = SettableClock.newYork("2025-08-11T08:00");
  private ScratchDatabase database;
  private PostgresMarketStore store;
  private QualityService service;

  @BeforeEach
  void open() {
    database = TestPostgres.scratch();
    store = PostgresMarketStore.open(database.target(), TestPostgres.config(database));
    service = new QualityService(store, CalendarRegistry.loadBundled(), clock);
    store.upsertSymbol(new SymbolInfo(SPY, Optional.empty(), Optional.of("NYSEARCA"), Optional.empty(),
        Optional.empty(), Optional.empty(), true, Optional.empty()));
  }

  @AfterEach
  void drop() {
    store.close();
    database.close();
  }

  private void ingestSpyThrough(LocalDate last) {
    ingestSpy(last.toString(), d -> !d.isAfter(last));
  }

  /** Stores SPY's rows whose date passes {@code keep} as repair does: through {@link IngestService#store}. */
  private void ingestSpy(String name, Predicate<LocalDate> keep) {
    ingest(SampleHistory.spyKeeping(dir.resolve(name), "SPY", keep));
  }

  private void ingest(Path file) {
    SymbolOutcome outcome = new IngestService(store, new SymbolSessions(CalendarRegistry.loadBundled(),
        SymbolSessions.DEFAULT_FALLBACK_ZONE, clock)).ingestOne(SPY, new CsvBarProvider(file, Optional.empty()),
        DateRange.ALL);
    assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
  }

  /** A CSV of SPY's row of the date alone, its prices times 100: the bar in cents a provider might deliver. */
  private Path spyInCents(LocalDate date) throws IOException {
    Path file = SampleHistory.spyKeeping(dir.resolve("cents-" + date), "SPY", date::equals);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    String[] cells = lines.get(1).split(",", -1);
    for (int c = 1; c <= 5; c++) {
      cells[c] = new BigDecimal(cells[c]).movePointRight(2).toPlainString();
    }
    lines.set(1, String.join(",", cells));
    return Files.write(file, lines);
  }

  private List<QualityWatermark> watermarks() {
    return store.qualityWatermarks(List.of(SPY), QualityService.checkNames());
  }

  /** Replaces the stored bar of the date by the same bar times {@code factor}. */
  private void scaleBar(LocalDate date, String factor) {
    DailyBar bar = store.bars(SPY, DateRange.of(date, date)).get(0);
    BigDecimal f = new BigDecimal(factor);
    store.upsertBars(List.of(new DailyBar(SPY, date, bar.open().multiply(f), bar.high().multiply(f),
        bar.low().multiply(f), bar.close().multiply(f), bar.volume(), Optional.empty(), bar.source())));
  }

  private List<QualityFinding> log(boolean unresolvedOnly) {
    return store.findings(new FindingQuery(Optional.of(SPY), Optional.empty(), Optional.of(UnitErrorCheck.NAME),
        Optional.empty(), unresolvedOnly, 100));
  }

  @Test
  void aRerunOverUnchangedDataLeavesTheLogAsItIs() {
    ingestSpyThrough(SampleHistory.LAST);
    scaleBar(RECENT, "100");

    QualityFinding first = service.run(List.of(SPY), DateRange.ALL, UNIT_ONLY.withFull(true)).get(0);
    clock.advance(Duration.ofDays(1));
    QualityFinding again = service.run(List.of(SPY), DateRange.ALL, UNIT_ONLY.withFull(true)).get(0);

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(log(false)).hasSize(1);
    assertThat(FindingDetails.dates(again)).containsExactly(RECENT, RECENT.plusDays(3));
  }

  @Test
  void aFindingNoLongerPresentIsResolvedAtTheTimeOfTheRunThatNoLongerFindsIt() {
    ingestSpyThrough(SampleHistory.LAST);
    scaleBar(RECENT, "100");
    service.run(List.of(SPY), DateRange.ALL, UNIT_ONLY.withFull(true));
    scaleBar(RECENT, "0.01");
    clock.advance(Duration.ofHours(2));

    List<QualityFinding> standing = service.run(List.of(SPY), DateRange.ALL, UNIT_ONLY.withFull(true));

    assertThat(standing).isEmpty();
    assertThat(log(true)).isEmpty();
    assertThat(log(false)).singleElement().satisfies(f -> {
      assertThat(f.resolved()).isTrue();
      assertThat(f.resolvedAt()).contains(clock.instant());
    });
  }

  @Test
  void anIncrementalRunExaminesTheSessionsAddedSinceTheLastAndKeepsOlderFindings() {
    ingestSpyThrough(LocalDate.parse("2024-12-31"));
    scaleBar(OLD, "100");
    service.run(List.of(SPY), DateRange.ALL, UNIT_ONLY);
    ingestSpy("2025", d -> d.getYear() == 2025);
    scaleBar(RECENT, "100");
    scaleBar(LocalDate.parse("2023-06-15"), "100");
    clock.advance(Duration.ofDays(1));

    List<QualityFinding> incremental = service.run(List.of(SPY), DateRange.ALL, UNIT_ONLY);

    // 2023-06-15 changed after the first run, behind the store's back (no ingest or repair lowered the watermark):
    // only a full run looks there again.
    assertThat(FindingDetails.dates(incremental.get(0))).containsExactly(OLD, LocalDate.parse("2022-03-16"), RECENT,
        LocalDate.parse("2025-03-17"));
    assertThat(store.qualityWatermarks(List.of(SPY), List.of(UnitErrorCheck.NAME)))
        .containsExactly(new QualityWatermark(SPY, UnitErrorCheck.NAME, SampleHistory.LAST));
    List<QualityFinding> full = service.run(List.of(SPY), DateRange.ALL, UNIT_ONLY.withFull(true));
    assertThat(FindingDetails.dates(full.get(0))).contains(LocalDate.parse("2023-06-15"));
  }

  @Test
  void aRunOverARangeRestatesThatRangeAndCarriesTheFindingsOutsideIt() {
    ingestSpyThrough(SampleHistory.LAST);
    scaleBar(OLD, "100");
    scaleBar(RECENT, "100");
    QualityFinding before = service.run(List.of(SPY), DateRange.ALL, UNIT_ONLY.withFull(true)).get(0);
    scaleBar(RECENT, "0.01");

    List<QualityFinding> after = service.run(List.of(SPY),
        DateRange.of(LocalDate.parse("2025-01-01"), SampleHistory.LAST), UNIT_ONLY);

    assertThat(after).singleElement().satisfies(f -> {
      assertThat(FindingDetails.dates(f)).containsExactly(OLD, LocalDate.parse("2022-03-16"));
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(FindingDetails.parse(f.details()).path("carried_from").get(0).asLong())
          .isEqualTo(before.id().orElseThrow());
    });
    assertThat(log(false)).filteredOn(QualityFinding::resolved).extracting(QualityFinding::id)
        .containsExactly(before.id());
  }

  @Test
  void theChecksOfARunAreChosenByNameAndAnUnknownNameIsRefusedNamingTheChecks() {
    ingestSpyThrough(SampleHistory.LAST);

    assertThatThrownBy(() -> service.run(List.of(SPY), DateRange.ALL,
        QualityOptions.DEFAULTS.withChecks(List.of("spikes"))))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("unknown check 'spikes'")
        .hasMessageContaining("price_anomaly, volume_spike");
  }

  @Test
  void aSessionRepairedIntoExaminedHistoryIsExaminedByTheNextIncrementalRun() throws IOException {
    LocalDate hole = LocalDate.parse("2023-06-15");
    ingestSpy("holed", d -> !d.equals(hole));
    assertThat(service.run(List.of(SPY), DateRange.ALL, UNIT_ONLY.withFull(true))).isEmpty();
    clock.advance(Duration.ofDays(1));

    ingest(spyInCents(hole));

    assertThat(watermarks()).extracting(QualityWatermark::checkedThrough).containsOnly(hole.minusDays(1));
    List<QualityFinding> incremental = service.run(List.of(SPY), DateRange.ALL, UNIT_ONLY);
    assertThat(incremental).singleElement().satisfies(f -> {
      assertThat(FindingDetails.dates(f)).containsExactly(hole, hole.plusDays(1));
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
    });
    assertThat(watermarks()).extracting(QualityWatermark::checkedThrough).containsOnly(SampleHistory.LAST);
  }

  @Test
  void aBarRevisedInExaminedHistoryIsExaminedByTheNextIncrementalRunAndItsOldValuesKept() throws IOException {
    ingestSpyThrough(SampleHistory.LAST);
    service.run(List.of(SPY), DateRange.ALL, QualityOptions.DEFAULTS.withFull(true));
    clock.advance(Duration.ofDays(1));

    ingest(spyInCents(OLD));

    assertThat(store.revisions(SPY, DateRange.of(OLD, OLD))).hasSize(1);
    List<QualityFinding> incremental = service.run(List.of(SPY), DateRange.ALL, QualityOptions.DEFAULTS);
    assertThat(incremental).filteredOn(f -> f.checkType().equals(UnitErrorCheck.NAME)).singleElement()
        .satisfies(f -> assertThat(FindingDetails.dates(f)).containsExactly(OLD, OLD.plusDays(1)));
    assertThat(incremental).filteredOn(f -> f.checkType().equals(PriceAnomalyCheck.NAME)).singleElement()
        .satisfies(f -> assertThat(FindingDetails.dates(f)).contains(OLD));
  }

  @Test
  void anUnchangedReloadLowersNoWatermark() {
    ingestSpyThrough(SampleHistory.LAST);
    service.run(List.of(SPY), DateRange.ALL, QualityOptions.DEFAULTS.withFull(true));
    List<QualityWatermark> before = watermarks();
    // A bar changed behind the store's back: an incremental run that went back over history would find it.
    scaleBar(OLD, "100");

    ingestSpy("again", d -> !d.equals(OLD));

    assertThat(watermarks()).isEqualTo(before).extracting(QualityWatermark::checkedThrough)
        .containsOnly(SampleHistory.LAST);
    assertThat(service.run(List.of(SPY), DateRange.ALL, UNIT_ONLY)).isEmpty();
  }

  @Test
  void aWriteNeverRaisesAWatermark() {
    LocalDate through = LocalDate.parse("2024-12-31");
    ingestSpyThrough(through);
    service.run(List.of(SPY), DateRange.ALL, UNIT_ONLY.withFull(true));
    store.lowerQualityWatermarks(Map.of(SPY, OLD));

    ingestSpy("2025", d -> d.getYear() == 2025);

    assertThat(store.qualityWatermarks(List.of(SPY), List.of(UnitErrorCheck.NAME)))
        .containsExactly(new QualityWatermark(SPY, UnitErrorCheck.NAME, OLD));
  }
}
