package io.aiinvest.datahub.quality;

import static io.aiinvest.datahub.testing.SampleHistory.dates;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.IngestService;
import io.aiinvest.datahub.provider.csv.CsvBarProvider;
import io.aiinvest.datahub.store.FindingQuery;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.Bars;
import io.aiinvest.datahub.testing.SampleHistory;
import io.aiinvest.datahub.testing.SettableClock;
import io.aiinvest.datahub.testing.TestPostgres;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completeness check on real SPY history with holes, in a scratch PostgreSQL database. */
class CompletenessCheckTest {
  private static final CalendarRegistry REGISTRY = CalendarRegistry.loadBundled();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private ScratchDatabase database;
  private PostgresMarketStore store;
  /** Friday 2025-08-08, the sample's last session, after the close. */
  private final SettableClock clock = SettableClock.newYork("2025-08-08T18:00");

  @BeforeEach
  void open() {
    database = TestPostgres.scratch();
    store = PostgresMarketStore.open(database.target(), TestPostgres.config(database));
  }

  @AfterEach
  void close() {
    store.close();
    database.close();
  }

  private SymbolInfo register(String symbol, String exchange, boolean active) {
    return store.upsertSymbol(new SymbolInfo(Symbol.of(symbol), Optional.empty(), Optional.ofNullable(exchange),
        Optional.empty(), Optional.empty(), Optional.empty(), active, Optional.empty()));
  }

  private void load(String symbol, Path file) {
    assertThat(ingest().ingestOne(Symbol.of(symbol), new CsvBarProvider(file, Optional.empty()),
        DateRange.ALL).succeeded()).isTrue();
  }

  /** Registers the symbol and loads SPY's history up to 2024-06-28 under its name. */
  private void loadThroughJune2024(String symbol) {
    register(symbol, "NYSE", true);
    load(symbol, SampleHistory.spyKeeping(dir, symbol, d -> !d.isAfter(LocalDate.of(2024, 6, 28))));
  }

  private List<QualityFinding> check(SymbolInfo... symbols) {
    return check(CompletenessCheck.DEFAULT_ERROR_THRESHOLD, symbols);
  }

  private List<QualityFinding> check(int errorThreshold, SymbolInfo... symbols) {
    SymbolSessions sessions = new SymbolSessions(REGISTRY, SymbolSessions.DEFAULT_FALLBACK_ZONE, clock);
    return new CompletenessCheck(store, sessions, errorThreshold).check(List.of(symbols), DateRange.ALL);
  }

  private static JsonNode details(QualityFinding finding) throws Exception {
    return JSON.readTree(finding.details());
  }

  private static List<LocalDate> datesOf(JsonNode array) {
    List<LocalDate> dates = new ArrayList<>();
    array.forEach(d -> dates.add(LocalDate.parse(d.asText())));
    return dates;
  }

  @Test
  void completeHistoryHasNoFinding() {
    SymbolInfo spy = register("SPY", "NYSEARCA", true);
    load("SPY", SampleHistory.spy(dir, "SPY"));

    assertThat(check(spy)).isEmpty();
  }

  @Test
  void missingSessionsAreListedExactlyInOneWarning() throws Exception {
    SymbolInfo spy = register("SPY", "NYSEARCA", true);
    List<LocalDate> holes = dates("2021-01-19", "2024-02-05", "2024-07-05");
    load("SPY", SampleHistory.spyWithout(dir, "SPY", holes));

    List<QualityFinding> findings = check(spy);

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.checkType()).isEqualTo("completeness");
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.issueCount()).isEqualTo(3);
      assertThat(f.rangeStart()).contains(SampleHistory.FIRST);
      assertThat(f.rangeEnd()).contains(SampleHistory.LAST);
      assertThat(f.checkTime()).isEqualTo(clock.instant());
    });
    JsonNode details = details(findings.get(0));
    assertThat(details.path("calendar").asText()).isEqualTo("XNYS");
    assertThat(details.path("expected_sessions").asInt()).isEqualTo(SampleHistory.SESSIONS);
    assertThat(datesOf(details.path("missing"))).isEqualTo(holes);
    assertThat(datesOf(details.path("non_sessions"))).isEmpty();
  }

  @Test
  void moreMissingSessionsThanTheThresholdMakeAnError() {
    SymbolInfo spy = register("SPY", "NYSEARCA", true);
    load("SPY", SampleHistory.spyWithout(dir, "SPY",
        dates("2024-03-11", "2024-03-12", "2024-03-13", "2024-03-14", "2024-03-15", "2024-03-18")));

    assertThat(check(spy)).singleElement().extracting(QualityFinding::severity).isEqualTo(Severity.ERROR);
    assertThat(check(6, spy)).singleElement().extracting(QualityFinding::severity).isEqualTo(Severity.WARNING);
  }

  @Test
  void barsOnAHolidayAndOnASaturdayAreAnError() throws Exception {
    SymbolInfo spy = register("SPY", "NYSEARCA", true);
    load("SPY", SampleHistory.spy(dir, "SPY"));
    store.upsertBars(List.of(Bars.flat("SPY", "2024-07-04", "545", 1000), Bars.flat("SPY", "2024-07-06", "545",
        1000)));

    List<QualityFinding> findings = check(spy);

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.issueCount()).isEqualTo(2);
    });
    JsonNode details = details(findings.get(0));
    assertThat(datesOf(details.path("non_sessions"))).isEqualTo(dates("2024-07-04", "2024-07-06"));
    assertThat(datesOf(details.path("missing"))).isEmpty();
  }

  @Test
  void unknownExchangeIsJudgedByWeekdaysAndTheFindingSaysSo() throws Exception {
    SymbolInfo foo = register("FOOCO", "FOO", true);
    load("FOOCO", SampleHistory.spyKeeping(dir, "FOOCO", d -> d.getYear() == 2024));
    clock.set(SettableClock.newYork("2024-12-31T18:00").instant());

    List<QualityFinding> findings = check(foo);

    // The weekday calendar does not know the NYSE's ten 2024 holidays, so they show as missing, and with holidays
    // unknown the finding stays a warning whatever their number.
    assertThat(findings).singleElement().extracting(QualityFinding::severity).isEqualTo(Severity.WARNING);
    JsonNode details = details(findings.get(0));
    assertThat(details.path("calendar").asText()).isEqualTo("weekday fallback (exchange FOO has no calendar)");
    assertThat(datesOf(details.path("missing"))).isEqualTo(dates("2024-01-15", "2024-02-19", "2024-03-29",
        "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25"));
  }

  @Test
  void todaysSessionIsExpectedOnlyOnceItHasClosed() throws Exception {
    SymbolInfo spy = register("SPY", "NYSEARCA", true);
    load("SPY", SampleHistory.spyKeeping(dir, "SPY", d -> d.isBefore(SampleHistory.LAST)));

    clock.set(SettableClock.newYork("2025-08-08T15:00").instant());
    assertThat(check(spy)).isEmpty();

    clock.set(SettableClock.newYork("2025-08-08T16:30").instant());
    List<QualityFinding> findings = check(spy);
    assertThat(findings).hasSize(1);
    assertThat(datesOf(details(findings.get(0)).path("missing"))).containsExactly(SampleHistory.LAST);
  }

  @Test
  void inactiveSymbolIsNotExpectedPastItsLastBarButAnActiveOneIs() {
    loadThroughJune2024("OLD");
    SymbolInfo inactive = register("OLD", "NYSE", false);

    assertThat(check(inactive)).isEmpty();
    assertThat(check(register("OLD", "NYSE", true))).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.rangeEnd()).contains(SampleHistory.LAST);
    });
  }

  @Test
  void listingDateBeforeTheFirstBarMakesTheSessionsBetweenMissing() throws Exception {
    loadThroughJune2024("NEW");
    SymbolInfo listed = store.upsertSymbol(new SymbolInfo(Symbol.of("NEW"), Optional.empty(), Optional.of("NYSE"),
        Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(),
        Optional.of(LocalDate.of(2020, 8, 5)), Optional.empty()));

    List<QualityFinding> findings = check(listed);

    assertThat(findings).singleElement().satisfies(f -> assertThat(f.rangeStart()).contains(LocalDate.of(2020, 8,
        5)));
    assertThat(datesOf(details(findings.get(0)).path("missing")))
        .isEqualTo(dates("2020-08-05", "2020-08-06", "2020-08-07"));
  }

  @Test
  void runnerLogsTheFindingsForViewIssues() {
    SymbolInfo spy = register("SPY", "NYSEARCA", true);
    SymbolInfo complete = register("FULL", "NYSEARCA", true);
    load("SPY", SampleHistory.spyWithout(dir, "SPY", dates("2024-02-05")));
    load("FULL", SampleHistory.spy(dir, "FULL"));
    SymbolSessions sessions = new SymbolSessions(REGISTRY, SymbolSessions.DEFAULT_FALLBACK_ZONE, clock);
    QualityRunner runner = new QualityRunner(store,
        List.of(new CompletenessCheck(store, sessions, CompletenessCheck.DEFAULT_ERROR_THRESHOLD)), clock);

    List<QualityFinding> logged = runner.run(List.of(spy, complete), DateRange.ALL);

    assertThat(logged).singleElement().satisfies(f -> assertThat(f.id()).isPresent());
    assertThat(store.findings(new FindingQuery(Optional.empty(), Optional.empty(), Optional.of("completeness"),
        Optional.empty(), true, 10))).extracting(QualityFinding::symbol).containsExactly(Symbol.of("SPY"));
  }

  /** Ingest as the commands wire it, judging action dates by the bundled calendars. */
  private IngestService ingest() {
    return new IngestService(store, new SymbolSessions(REGISTRY, SymbolSessions.DEFAULT_FALLBACK_ZONE, clock));
  }
}
