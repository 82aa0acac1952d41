package io.aiinvest.datahub.adjust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.IngestService;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.csv.CsvBarProvider;
import io.aiinvest.datahub.quality.AdjustmentCheck;
import io.aiinvest.datahub.quality.QualityRunner;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.Bars;
import io.aiinvest.datahub.testing.TestPostgres;
import io.aiinvest.datahub.testing.YahooChartFixture;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub's total-adjusted close against Yahoo's adjusted close on real files (issue 4, item 4). The measured
 * figures are printed to the test output and quoted in docs/adjustments.md.
 */
class AdjustmentCrossCheckTest {
  /** Ingest judges action dates by the bundled calendars; the clock plays no part in that. */
  private static final SymbolSessions SESSIONS = new SymbolSessions(CalendarRegistry.loadBundled(),
      SymbolSessions.DEFAULT_FALLBACK_ZONE, Clock.fixed(Instant.parse("2025-08-11T22:00:00Z"), ZoneOffset.UTC));
  private static final Path SAMPLES = Path.of("src/main/resources/sample-eod");
  private static final Path VINTAGE_AAPL = Path.of("src/test/resources/csv/AAPL-vintage-2020-03.csv");
  private static final Instant NOW = Instant.parse("2025-08-11T22:00:00Z");

  private ScratchDatabase database;
  private PostgresMarketStore store;
  private AdjustmentCrossCheck check;

  @BeforeEach
  void open() {
    database = TestPostgres.scratch();
    store = PostgresMarketStore.open(database.target(), TestPostgres.config(database));
    check = new AdjustmentCrossCheck(store, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
    database.close();
  }

  private Symbol ingested(String name, BarProvider provider) {
    Symbol symbol = Symbol.of(name);
    store.upsertSymbol(SymbolInfo.of(symbol));
    var outcome = new IngestService(store, SESSIONS).ingestOne(symbol, provider, DateRange.ALL);
    assertThat(outcome.error()).isEmpty();
    assertThat(outcome.actions().rejections()).isEmpty();
    return symbol;
  }

  private static void report(String what, CrossCheckResult result) {
    System.out.printf("cross-check %s: %s, %d bars %s..%s, reference ratio %s, worst deviation %s on %s%n", what,
        result.status(), result.points().size(), result.points().get(0).date(), result.reference().orElseThrow()
            .date(), result.reference().orElseThrow().ratio().round(new MathContext(10)),
        result.worst().orElseThrow().deviation().round(new MathContext(3)),
        result.worst().orElseThrow().date());
  }

  @ParameterizedTest
  @ValueSource(strings = {"SPY", "AAPL", "MSFT", "GOOGL", "AMZN"})
  void sampleFilesAgreeWithYahoosAdjustedCloseFarInsideTheTolerance(String name) {
    Symbol symbol = ingested(name, new CsvBarProvider(SAMPLES, Optional.empty()));

    CrossCheckResult result = check.check(symbol, DateRange.ALL);

    report(name + " sample 2020-08..2025-08", result);
    assertThat(result.status()).isEqualTo(CrossCheckResult.Status.AGREES);
    assertThat(result.points()).hasSize(1256);
    // Yahoo's Adj Close follows the same convention (1 - D / previous close, split-adjusted); what is left is the
    // 32-bit float rounding of the file: measured worst 3.9e-7 (SPY), 3.6e-7 (AAPL), 4.0e-7 (MSFT), 1.8e-7 (GOOGL),
    // 4e-9 (AMZN, no dividends).
    assertThat(result.worst().orElseThrow().deviation().abs()).isLessThan(new BigDecimal("1e-6"));
    // Downloaded after its last dividend, the file's adjustment ends where the hub's does: the ratio is 1.
    assertThat(result.reference().orElseThrow().ratio())
        .isCloseTo(BigDecimal.ONE, Offset.offset(new BigDecimal("1e-6")));
    assertThat(check.record(result)).isEmpty();
  }

  @Test
  void chartRecordedLaterAgreesUpToTheFactorOfTheDividendsAfterItsWindow() {
    Symbol aapl = ingested("AAPL", YahooChartFixture.load("historicalv8-AAPL-2020-01-01-to-2021-01-04.body.json"));

    CrossCheckResult result = check.check(aapl, DateRange.ALL);

    report("AAPL chart 2020 recorded 2021-11-13", result);
    assertThat(result.status()).isEqualTo(CrossCheckResult.Status.AGREES);
    assertThat(result.points()).hasSize(253);
    assertThat(result.worst().orElseThrow().deviation().abs()).isLessThan(new BigDecimal("1e-6"));
    // Yahoo's adjclose also folds in the dividends of 2021-02-05, 05-07, 08-06 and 11-05 (0.205, 0.22, 0.22, 0.22).
    // Measured 1.006164858.
    assertThat(result.reference().orElseThrow().ratio()).isGreaterThan(new BigDecimal("1.006"))
        .isLessThan(new BigDecimal("1.0063"));
  }

  @Test
  void dividendsTheHubDoesNotKnowBreakTheRatioBeforeTheirExDates() throws Exception {
    // The March 2020 download has Adj Close but no Dividends column: the hub knows none of AAPL's five dividends.
    Symbol aapl = ingested("AAPL", new CsvBarProvider(VINTAGE_AAPL, Optional.empty()));

    CrossCheckResult result = check.check(aapl, DateRange.ALL);
    Optional<QualityFinding> finding = check.record(result);

    report("AAPL 2019-01..2020-03 without dividends", result);
    assertThat(result.status()).isEqualTo(CrossCheckResult.Status.DISAGREES);
    // Measured against 2020-03-26, every bar before the last unknown ex-date (2020-02-07) is off by more than 0.05%.
    assertThat(result.breaks()).singleElement().satisfies(run -> {
      assertThat(run.from()).isEqualTo(LocalDate.of(2019, 1, 2));
      assertThat(run.to()).isEqualTo(LocalDate.of(2020, 2, 6));
    });
    // Before the first of them (2019-02-08) all five are missing: 0.73/170.9 + four times 0.77 over ~200-320, 1.74%.
    assertThat(result.worst().orElseThrow().date()).isBefore(LocalDate.of(2019, 2, 8));
    assertThat(result.worst().orElseThrow().deviation()).isBetween(new BigDecimal("0.0173"), new BigDecimal("0.0175"));
    assertThat(finding).hasValueSatisfying(f -> {
      assertThat(f.checkType()).isEqualTo("adjustment_crosscheck");
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.rangeStart()).contains(LocalDate.of(2019, 1, 2));
      assertThat(f.rangeEnd()).contains(LocalDate.of(2020, 3, 26));
      assertThat(f.issueCount()).isEqualTo(result.breakDates().size());
    });
    JsonNode details = new ObjectMapper().readTree(finding.orElseThrow().details());
    assertThat(details.path("breaks").get(0).path("to").asText()).isEqualTo("2020-02-06");
    assertThat(details.path("dates").get(0).asText()).isEqualTo("2019-01-02");
    assertThat(details.path("reference_date").asText()).isEqualTo("2020-03-26");
    assertThat(details.path("tolerance").asText()).isEqualTo("0.0005");
  }

  @Test
  void withdrawingOneStoredDividendBreaksTheRatioUpToItsExDate() {
    Symbol aapl = ingested("AAPL", new CsvBarProvider(SAMPLES, Optional.empty()));
    List<CorporateAction> kept = store.actions(aapl, DateRange.ALL).stream()
        .filter(a -> !(a.type() == ActionType.DIVIDEND && a.exDate().equals(LocalDate.of(2022, 8, 5))))
        .toList();
    store.replaceActions(aapl, DateRange.ALL, ProviderId.CSV, kept);

    CrossCheckResult result = check.check(aapl, DateRange.ALL);

    report("AAPL sample without the 2022-08-05 dividend", result);
    assertThat(result.breaks()).singleElement().satisfies(run -> {
      assertThat(run.from()).isEqualTo(LocalDate.of(2020, 8, 10));
      assertThat(run.to()).isEqualTo(LocalDate.of(2022, 8, 4));
    });
    // 0.23 against the 2022-08-04 close of 165.81: the hub's series is now 0.139% above Yahoo's before it.
    assertThat(result.worst().orElseThrow().deviation()).isBetween(new BigDecimal("0.00138"),
        new BigDecimal("0.00140"));
  }

  @Test
  void qualityRunnerLogsAFindingOnlyForTheSymbolThatDisagrees() {
    Symbol aapl = ingested("AAPL", new CsvBarProvider(SAMPLES, Optional.empty()));
    Symbol msft = ingested("MSFT", new CsvBarProvider(SAMPLES, Optional.empty()));
    store.replaceActions(msft, DateRange.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)), ProviderId.CSV,
        List.of());

    List<QualityFinding> logged = new QualityRunner(store, List.of(new AdjustmentCheck(check)),
            Clock.fixed(NOW, ZoneOffset.UTC))
        .run(List.of(store.getSymbol(aapl), store.getSymbol(msft)), DateRange.ALL);

    // MSFT's four 2024 dividends are gone: every bar before 2024-11-21 breaks, measured against 2025-08-08.
    assertThat(logged).singleElement().satisfies(f -> {
      assertThat(f.symbol()).isEqualTo(msft);
      assertThat(f.checkType()).isEqualTo(AdjustmentCrossCheck.CHECK_TYPE);
      assertThat(f.id()).isPresent();
      assertThat(f.details()).contains("\"to\":\"2024-11-20\"");
    });
  }

  @Test
  void missingPreviousCloseIsAnErrorFindingNotASilentFactorOfOne() {
    Symbol symbol = Symbol.of("GAP");
    store.upsertSymbol(SymbolInfo.of(symbol));
    store.write(List.of(withAdjClose("2024-01-02", "50", "49"), withAdjClose("2024-02-01", "50", "50")),
        List.of(Bars.dividend("GAP", "2024-02-01", "1")));

    CrossCheckResult result = check.check(symbol, DateRange.ALL);
    Optional<QualityFinding> finding = check.record(result);

    assertThat(result.status()).isEqualTo(CrossCheckResult.Status.CANNOT_ADJUST);
    assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p).contains("close(t-1) is missing"));
    assertThat(finding).hasValueSatisfying(f -> {
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.details()).contains("close(t-1) is missing");
    });
  }

  @Test
  void barsWithoutAProviderAdjustedCloseHaveNothingToCheck() {
    store.upsertSymbol(SymbolInfo.of(Symbol.of("AAA")));
    store.upsertBars(List.of(Bars.flat("AAA", "2024-01-02", "10", 1)));

    CrossCheckResult result = check.check(Symbol.of("AAA"), DateRange.ALL);

    assertThat(result.status()).isEqualTo(CrossCheckResult.Status.NOTHING_TO_CHECK);
    assertThat(check.record(result)).isEmpty();
  }

  private static DailyBar withAdjClose(String date, String close, String adjClose) {
    DailyBar flat = Bars.flat("GAP", date, close, 10);
    return new DailyBar(flat.symbol(), flat.date(), flat.open(), flat.high(), flat.low(), flat.close(), flat.volume(),
        Optional.of(new BigDecimal(adjClose)), flat.source());
  }
}
