package io.aiinvest.datahub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.quality.FindingDetails;
import io.aiinvest.datahub.store.FindingQuery;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.StoreException;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.Bars;
import io.aiinvest.datahub.testing.RefusingProvider;
import io.aiinvest.datahub.testing.SettableClock;
import io.aiinvest.datahub.testing.TestPostgres;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle of {@value RefusedRowLog#CHECK_TYPE} findings through the services that store bars (the ingest
 * workflow, repair), on the real PostgreSQL store: logged once when a provider's row is refused, restated without the
 * dates that got a valid bar, resolved once none is left. "Now" is Monday 2024-03-11 after the close.
 */
class RefusedRowLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Symbol AAA = Symbol.of("AAA");
  private static final LocalDate MAR_4 = LocalDate.parse("2024-03-04");
  private static final LocalDate MAR_5 = LocalDate.parse("2024-03-05");
  private static final LocalDate MAR_7 = LocalDate.parse("2024-03-07");
  private static final LocalDate MAR_11 = LocalDate.parse("2024-03-11");

  private final SettableClock clock = new SettableClock(Instant.parse("2024-03-11T22:00:00Z"));
  private ScratchDatabase database;
  private PostgresMarketStore store;
  private IngestSettings settings;

  @BeforeEach
  void open() {
    database = TestPostgres.scratch();
    store = PostgresMarketStore.open(database.target(), TestPostgres.config(database));
    settings = IngestSettings.from(HubConfig.from(Map.of(), Optional.empty()), List.of("test"));
    store.upsertSymbol(SymbolInfo.of(AAA));
  }

  @AfterEach
  void close() {
    store.close();
    database.close();
  }

  /** Fetches AAA from {@code from} through the workflow on {@code on}, as {@code ingest AAA --from …} does. */
  private SymbolOutcome ingest(MarketStore on, BarProvider provider, LocalDate from) {
    IngestWorkflow workflow = new IngestWorkflow(on, CalendarRegistry.loadBundled(), clock, settings);
    return workflow.run(IngestRequest.incremental(List.of(AAA), Optional.of(from), Optional.empty()),
        IngestSources.of(List.of(provider), settings, OptionalInt.empty()), IngestListener.NONE).outcomes().get(0);
  }

  private SymbolOutcome ingest(BarProvider provider, LocalDate from) {
    return ingest(store, provider, from);
  }

  /** AAA's findings of the check, resolved ones too, oldest first. */
  private List<QualityFinding> findings() {
    List<QualityFinding> newestFirst = new ArrayList<>(store.findings(new FindingQuery(Optional.of(AAA),
        Optional.empty(), Optional.of(RefusedRowLog.CHECK_TYPE), Optional.empty(), false, 100)));
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  private List<QualityFinding> openFindings() {
    return findings().stream().filter(f -> !f.resolved()).toList();
  }

  private static JsonNode details(QualityFinding finding) throws IOException {
    return JSON.readTree(finding.details());
  }

  private static List<String> kinds(QualityFinding finding) throws IOException {
    return details(finding).path("items").findValuesAsText("kind");
  }

  @Test
  void aFindingOverSeveralDatesIsRestatedWithoutTheDatesThatGotValidBarsAndResolvedWithTheLast() throws IOException {
    RefusingProvider provider = new RefusingProvider("test", MAR_11, MAR_5.toString(), MAR_7.toString());
    SymbolOutcome first = ingest(provider, MAR_4);
    QualityFinding logged = findings().get(0);

    // A corrected answer that reaches only the 5th: the 7th is not looked at again and carries over.
    clock.advance(Duration.ofDays(1));
    Instant restatedAt = clock.instant();
    SymbolOutcome second = ingest(new RefusingProvider("test", MAR_5), MAR_4);

    assertThat(first.findingsLogged()).isOne();
    assertThat(logged.issueCount()).isEqualTo(2);
    assertThat(FindingDetails.dates(logged)).containsExactly(MAR_5, MAR_7);
    // The 5th now has a valid bar: the row is resolved, and a new one states what still stands.
    assertThat(second.findingsLogged()).isZero();
    assertThat(findings()).hasSize(2);
    assertThat(findings().get(0).resolvedAt()).contains(restatedAt);
    QualityFinding restated = openFindings().get(0);
    assertThat(FindingDetails.dates(restated)).containsExactly(MAR_7);
    assertThat(restated.issueCount()).isOne();
    assertThat(details(restated).path("carried_from").get(0).asLong()).isEqualTo(logged.id().orElseThrow());

    provider.correct(MAR_5);
    provider.correct(MAR_7);
    clock.advance(Duration.ofDays(1));
    ingest(provider, MAR_4);

    assertThat(openFindings()).isEmpty();
    assertThat(findings()).extracting(QualityFinding::resolvedAt)
        .containsExactly(Optional.of(restatedAt), Optional.of(clock.instant()));
    assertThat(store.bars(AAA, DateRange.ALL)).extracting(DailyBar::date).contains(MAR_5, MAR_7);
  }

  @Test
  void aRowRefusedAgainChangesNothingAndANewRuleOrDateIsRestatedAsNewEvidence() throws IOException {
    RefusingProvider provider = new RefusingProvider("test", MAR_11, MAR_5.toString());
    ingest(provider, MAR_4);
    QualityFinding logged = findings().get(0);

    SymbolOutcome same = ingest(provider, MAR_4);
    assertThat(same.findingsLogged()).isZero();
    assertThat(findings()).containsExactly(logged);

    provider.refuse(MAR_5.toString(), "bars_close_positive").refuse(MAR_7.toString(), "bars_low_le_open");
    SymbolOutcome changed = ingest(provider, MAR_4);

    assertThat(changed.findingsLogged()).isOne();
    assertThat(findings()).hasSize(2).first().satisfies(f -> assertThat(f.resolved()).isTrue());
    assertThat(openFindings()).singleElement().satisfies(f -> {
      assertThat(FindingDetails.dates(f)).containsExactly(MAR_5, MAR_7);
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
    });
    assertThat(kinds(openFindings().get(0))).containsExactly("bars_close_positive", "bars_low_le_open");
  }

  @Test
  void aWriteThatStoresNoneOfTheRefusedDatesLeavesTheFindingAsItIs() {
    RefusingProvider provider = new RefusingProvider("test", MAR_11, MAR_5.toString());
    ingest(provider, MAR_4);
    QualityFinding logged = findings().get(0);

    // Tuesday's incremental run: only the 12th is asked for and stored.
    clock.advance(Duration.ofDays(1));
    SymbolOutcome next = ingest(new RefusingProvider("test", MAR_11.plusDays(1)), MAR_11.plusDays(1));

    assertThat(next.bars().inserted()).isOne();
    assertThat(findings()).containsExactly(logged);
  }

  @Test
  void openRowsThatEarlierRunsLoggedTwiceAreMergedIntoOne() throws IOException {
    // Before rows were compared with the open finding, every `datahub ingest` of the same file added one.
    String legacy = "{\"dates\": [\"2024-03-05\"], \"items\": [{\"date\": \"2024-03-05\", \"kind\":"
        + " \"bars_high_ge_low\", \"origin\": \"ingest\", \"reason\": \"line 3\", \"severity\": \"WARNING\"}],"
        + " \"thresholds\": {}}";
    List<QualityFinding> twice = store.insertFindings(List.of(legacyRow(legacy), legacyRow(legacy)));
    RefusingProvider provider = new RefusingProvider("test", MAR_11, MAR_5.toString());

    SymbolOutcome outcome = ingest(provider, MAR_4);

    assertThat(outcome.findingsLogged()).isZero();
    assertThat(findings()).hasSize(3).filteredOn(QualityFinding::resolved).extracting(QualityFinding::id)
        .containsExactlyInAnyOrderElementsOf(twice.stream().map(QualityFinding::id).toList());
    assertThat(openFindings()).singleElement().satisfies(f -> {
      assertThat(FindingDetails.dates(f)).containsExactly(MAR_5);
      assertThat(f.issueCount()).isOne();
    });
  }

  private QualityFinding legacyRow(String details) {
    return new QualityFinding(Optional.empty(), AAA, RefusedRowLog.CHECK_TYPE, Severity.WARNING,
        clock.instant().minus(Duration.ofDays(3)), Optional.empty(), Optional.empty(), 1, details, Optional.empty());
  }

  @Test
  void anActionsOnlyRefreshStoresNoBarAndLeavesTheFindingsAlone() {
    RefusingProvider provider = new RefusingProvider("test", MAR_11, MAR_5.toString());
    ingest(provider, MAR_4);
    QualityFinding logged = findings().get(0);
    provider.correct(MAR_5);

    IngestWorkflow workflow = new IngestWorkflow(store, CalendarRegistry.loadBundled(), clock, settings);
    new CorporateActionsService(workflow).refresh(List.of(AAA), Optional.of(MAR_4),
        IngestSources.of(List.of(provider), settings, OptionalInt.empty()), IngestListener.NONE);

    assertThat(findings()).containsExactly(logged);
  }

  @Test
  void whenTheLogCannotBeWrittenTheSymbolFailsSayingItsBarsWereStored() {
    MarketStore lockedLog = (MarketStore) Proxy.newProxyInstance(MarketStore.class.getClassLoader(),
        new Class<?>[] {MarketStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("insertFindings")) {
            throw new StoreException("data_quality_log is locked");
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });

    SymbolOutcome outcome = ingest(lockedLog, new RefusingProvider("test", MAR_11, MAR_5.toString()), MAR_4);

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.error()).hasValueSatisfying(error -> assertThat(error)
        .contains("bars stored (5 inserted, 0 updated), but 1 refused rows", "data_quality_log is locked"));
    assertThat(store.countBars(Optional.of(AAA))).isEqualTo(5);
  }

  @Test
  void repairLogsARowRefusedForAMissingSessionAndResolvesItWhenTheSessionIsFilled() {
    store.upsertBars(List.of(Bars.flat("AAA", "2024-03-04", "10", 100), Bars.flat("AAA", "2024-03-06", "10", 100)));
    RefusingProvider provider = new RefusingProvider("test", MAR_11, MAR_5.toString());
    RepairService repair = new RepairService(store,
        new SymbolSessions(CalendarRegistry.loadBundled(), SymbolSessions.DEFAULT_FALLBACK_ZONE, clock),
        RepairPolicy.DEFAULT);
    RepairWindow window = new RepairWindow.Between(MAR_4, MAR_11);

    SymbolRepair refused = repair.repair(List.of(store.getSymbol(AAA)), provider, window).outcomes().get(0);

    // The 5th is still missing, its attempt says why, and the row is logged; the 7th to the 11th are filled.
    assertThat(refused.stillMissing()).containsExactly(MAR_5);
    assertThat(refused.findingsLogged()).isOne();
    assertThat(store.repairAttempts(AAA, DateRange.ALL)).singleElement()
        .satisfies(a -> assertThat(a.lastOutcome()).startsWith("bar rejected: "));
    assertThat(openFindings()).singleElement()
        .satisfies(f -> assertThat(FindingDetails.dates(f)).containsExactly(MAR_5));

    provider.correct(MAR_5);
    clock.advance(Duration.ofDays(2));
    SymbolRepair filled = repair.repair(List.of(store.getSymbol(AAA)), provider, window).outcomes().get(0);

    assertThat(filled.filled()).containsExactly(MAR_5);
    assertThat(filled.findingsLogged()).isZero();
    assertThat(openFindings()).isEmpty();
    assertThat(findings()).singleElement().satisfies(f -> assertThat(f.resolvedAt()).contains(clock.instant()));
  }
}
