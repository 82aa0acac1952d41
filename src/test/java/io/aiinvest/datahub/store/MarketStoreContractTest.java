package io.aiinvest.datahub.store;

import static io.aiinvest.datahub.testing.Bars.bar;
import static io.aiinvest.datahub.testing.Bars.dividend;
import static io.aiinvest.datahub.testing.Bars.flat;
import static io.aiinvest.datahub.testing.Bars.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.aiinvest.datahub.domain.ActionLoadResult;
import io.aiinvest.datahub.domain.ActionRevision;
import io.aiinvest.datahub.domain.BarRevision;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.RepairAttempt;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.testing.Bars;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MarketStore} promises. Each implementation runs this suite through a subclass that
 * opens a fresh, empty store per test.
 */
public abstract class MarketStoreContractTest {
  protected MarketStore store;

  /** A new store over an empty database, migrated. */
  protected abstract MarketStore openEmptyStore();

  /** Releases whatever {@link #openEmptyStore} created, after the store is closed. */
  protected void dropStore() {}

  @BeforeEach
  void open() {
    store = openEmptyStore();
    store.upsertSymbol(SymbolInfo.of(Symbol.of("AAA")));
    store.upsertSymbol(SymbolInfo.of(Symbol.of("BBB")));
  }

  @AfterEach
  void close() {
    store.close();
    dropStore();
  }

  @Test
  void storedBarsReadBackExactly() {
    DailyBar first = bar("AAA", "2024-01-02", "10.5", "11.25", "10.125", "11", 1000);
    DailyBar second = bar("AAA", "2024-01-03", "11", "12.000001", "10.9", "12", 0);
    LoadResult result = store.upsertBars(List.of(second, first));

    assertThat(result.inserted()).isEqualTo(2);
    assertThat(store.bars(Symbol.of("AAA"), DateRange.ALL)).containsExactly(first, second);
    assertThat(store.firstBarDate(Symbol.of("AAA"))).contains(LocalDate.of(2024, 1, 2));
    assertThat(store.lastBarDate(Symbol.of("AAA"))).contains(LocalDate.of(2024, 1, 3));
    assertThat(store.countBars(Optional.empty())).isEqualTo(2);
  }

  @Test
  void reloadingSameBarsLeavesRowsUnchanged() {
    List<DailyBar> bars = List.of(flat("AAA", "2024-01-02", "10", 5), flat("AAA", "2024-01-03", "11", 6));
    store.upsertBars(bars);

    LoadResult again = store.upsertBars(bars);

    assertThat(again.inserted()).isZero();
    assertThat(again.updated()).isZero();
    assertThat(again.unchanged()).isEqualTo(2);
    assertThat(store.revisions(Symbol.of("AAA"), DateRange.ALL)).isEmpty();
  }

  @Test
  void changedBarIsUpdatedAndItsOldValuesKeptAsRevision() {
    store.upsertBars(List.of(flat("AAA", "2024-01-02", "10", 5), flat("AAA", "2024-01-03", "11", 6)));
    DailyBar corrected = new DailyBar(Symbol.of("AAA"), LocalDate.of(2024, 1, 3), new BigDecimal("11"),
        new BigDecimal("11.5"), new BigDecimal("11"), new BigDecimal("11.5"), 7, Optional.empty(),
        new ProviderId("other"));

    LoadResult result = store.upsertBars(List.of(flat("AAA", "2024-01-02", "10", 5), corrected,
        flat("AAA", "2024-01-04", "12", 8)));

    assertThat(result.inserted()).isEqualTo(1);
    assertThat(result.updated()).isEqualTo(1);
    assertThat(result.unchanged()).isEqualTo(1);
    assertThat(store.bars(Symbol.of("AAA"), DateRange.of(LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 3))))
        .containsExactly(corrected);
    List<BarRevision> revisions = store.revisions(Symbol.of("AAA"), DateRange.ALL);
    assertThat(revisions).hasSize(1);
    assertThat(revisions.get(0).previous()).isEqualTo(flat("AAA", "2024-01-03", "11", 6));
    assertThat(revisions.get(0).newSource()).isEqualTo(new ProviderId("other"));
    assertThat(revisions.get(0).revisedAt()).isAfterOrEqualTo(revisions.get(0).previousIngestedAt());
  }

  @Test
  void freshSymbolAndSymbolWithHistoryLoadTogether() {
    store.upsertBars(List.of(flat("AAA", "2024-01-02", "10", 5)));

    LoadResult result = store.upsertBars(List.of(flat("AAA", "2024-01-02", "10", 5),
        flat("AAA", "2024-01-03", "10", 5), flat("BBB", "2024-01-02", "20", 5)));

    assertThat(result.inserted()).isEqualTo(2);
    assertThat(result.unchanged()).isEqualTo(1);
    assertThat(store.countBars(Optional.of(Symbol.of("BBB")))).isEqualTo(1);
  }

  @Test
  void barsAcrossManyYearsLoadAndReadBackByRange() {
    List<DailyBar> bars = new ArrayList<>();
    for (int year = 1995; year <= 2030; year += 5) {
      bars.add(flat("AAA", year + "-06-15", "10", 1));
    }
    store.upsertBars(bars);

    assertThat(store.bars(Symbol.of("AAA"), DateRange.of(LocalDate.of(2000, 1, 1), LocalDate.of(2015, 12, 31))))
        .extracting(b -> b.date().getYear())
        .containsExactly(2000, 2005, 2010, 2015);
    assertThat(store.countBars(Optional.of(Symbol.of("AAA")))).isEqualTo(8);
  }

  @Test
  void barsOfUnregisteredSymbolAreRefusedAndNothingIsStored() {
    assertThatThrownBy(() -> store.upsertBars(List.of(flat("AAA", "2024-01-02", "10", 5),
            flat("ZZZ", "2024-01-02", "10", 5))))
        .isInstanceOf(UnknownSymbolException.class)
        .hasMessageContaining("ZZZ")
        .hasMessageContaining("add-symbol");
    assertThat(store.countBars(Optional.empty())).isZero();
  }

  @Test
  void duplicateBarsInOneLoadAreRefusedWhole() {
    assertThatThrownBy(() -> store.upsertBars(List.of(flat("AAA", "2024-01-02", "10", 5),
            flat("AAA", "2024-01-02", "11", 5))))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("AAA 2024-01-02 appears twice");
    assertThat(store.countBars(Optional.empty())).isZero();
  }

  @Test
  void symbolMetadataIsUpdatedWithoutErasingKnownFields() {
    store.upsertSymbol(new SymbolInfo(Symbol.of("AAA"), Optional.of("Triple A"), Optional.of("NYSE"),
        Optional.of("stock"), Optional.empty(), Optional.empty(), true, Optional.empty()));

    SymbolInfo updated = store.upsertSymbol(new SymbolInfo(Symbol.of("AAA"), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of("Tech"), Optional.empty(), false, Optional.empty()));

    assertThat(updated.name()).contains("Triple A");
    assertThat(updated.exchange()).contains("NYSE");
    assertThat(updated.sector()).contains("Tech");
    assertThat(updated.active()).isFalse();
    assertThat(store.listSymbols(false)).extracting(SymbolInfo::symbol).containsExactly(Symbol.of("BBB"));
    assertThat(store.listSymbols(true)).extracting(SymbolInfo::symbol)
        .containsExactly(Symbol.of("AAA"), Symbol.of("BBB"));
  }

  @Test
  void actionsAreStoredOnceAndRevisionsCounted() {
    List<CorporateAction> actions = List.of(split("AAA", "2024-03-01", "4", "1"), dividend("AAA", "2024-02-01",
        "0.25"));
    assertThat(store.upsertActions(actions).inserted()).isEqualTo(2);
    assertThat(store.upsertActions(actions).unchanged()).isEqualTo(2);

    var revised = store.upsertActions(List.of(dividend("AAA", "2024-02-01", "0.26")));

    assertThat(revised.revised()).isEqualTo(1);
    assertThat(store.actions(Symbol.of("AAA"), DateRange.ALL))
        .containsExactly(dividend("AAA", "2024-02-01", "0.26"), split("AAA", "2024-03-01", "4", "1"));
  }

  @Test
  void revisedActionKeepsItsPreviousValuesInTheHistory() {
    store.upsertActions(List.of(dividend("AAA", "2024-02-01", "0.25")));

    store.upsertActions(List.of(dividend("AAA", "2024-02-01", "0.26")));

    assertThat(store.actionRevisions(Symbol.of("AAA"), DateRange.ALL)).singleElement().satisfies(r -> {
      assertThat(r.previous()).isEqualTo(dividend("AAA", "2024-02-01", "0.25"));
      assertThat(r.change()).isEqualTo(ActionRevision.Change.REVISED);
      assertThat(r.newSource()).contains(Bars.TEST);
    });
  }

  @Test
  void completeActionListWithdrawsTheProvidersMissingActionsInsideItsWindowOnly() {
    ProviderId other = new ProviderId("other");
    CorporateAction othersDividend = CorporateAction.dividend(Symbol.of("AAA"), LocalDate.of(2024, 5, 1),
        new BigDecimal("0.3"), Optional.empty(), other);
    store.upsertActions(List.of(split("AAA", "2024-03-01", "4", "1"), dividend("AAA", "2024-02-01", "0.25"),
        dividend("AAA", "2023-11-01", "0.24"), othersDividend, dividend("BBB", "2024-02-01", "1")));
    DateRange window = DateRange.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));

    ActionLoadResult result = store.replaceActions(Symbol.of("AAA"), window, Bars.TEST,
        List.of(dividend("AAA", "2024-02-01", "0.25"), dividend("AAA", "2024-08-01", "0.25")));

    assertThat(result.inserted()).isEqualTo(1);
    assertThat(result.unchanged()).isEqualTo(1);
    assertThat(result.withdrawn()).isEqualTo(1);
    // The split is gone; the dividend before the window and the other provider's are not this list's to withdraw.
    assertThat(store.actions(Symbol.of("AAA"), DateRange.ALL)).containsExactly(
        dividend("AAA", "2023-11-01", "0.24"), dividend("AAA", "2024-02-01", "0.25"), othersDividend,
        dividend("AAA", "2024-08-01", "0.25"));
    assertThat(store.actions(Symbol.of("BBB"), DateRange.ALL)).hasSize(1);
    assertThat(store.actionRevisions(Symbol.of("AAA"), DateRange.ALL)).singleElement().satisfies(r -> {
      assertThat(r.previous()).isEqualTo(split("AAA", "2024-03-01", "4", "1"));
      assertThat(r.change()).isEqualTo(ActionRevision.Change.WITHDRAWN);
      assertThat(r.newSource()).contains(Bars.TEST);
    });
    assertThat(store.replaceActions(Symbol.of("AAA"), window, Bars.TEST, List.of(dividend("AAA", "2024-02-01",
        "0.25"), dividend("AAA", "2024-08-01", "0.25"))).withdrawn()).isZero();
  }

  @Test
  void completeActionListMustStayInsideItsWindow() {
    DateRange window = DateRange.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30));

    assertThatThrownBy(() -> store.replaceActions(Symbol.of("AAA"), window, Bars.TEST,
            List.of(dividend("AAA", "2024-08-01", "0.25"))))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("outside the complete list");
    assertThat(store.actions(Symbol.of("AAA"), DateRange.ALL)).isEmpty();
  }

  @Test
  void previousBarsAreTheLatestStoredBarsStrictlyBeforeEachDate() {
    store.upsertBars(List.of(flat("AAA", "2019-12-31", "9", 1), flat("AAA", "2020-01-02", "10", 1),
        flat("AAA", "2020-01-06", "11", 1), flat("BBB", "2020-01-03", "99", 1)));

    Map<LocalDate, DailyBar> previous = store.previousBars(Symbol.of("AAA"), List.of(LocalDate.of(2020, 1, 6),
        LocalDate.of(2020, 1, 2), LocalDate.of(2019, 12, 31), LocalDate.of(2030, 1, 1)));

    assertThat(previous).containsOnly(
        Map.entry(LocalDate.of(2020, 1, 6), flat("AAA", "2020-01-02", "10", 1)),
        Map.entry(LocalDate.of(2020, 1, 2), flat("AAA", "2019-12-31", "9", 1)),
        Map.entry(LocalDate.of(2030, 1, 1), flat("AAA", "2020-01-06", "11", 1)));
    assertThat(store.previousBars(Symbol.of("AAA"), List.of())).isEmpty();
  }

  @Test
  void barsAndActionsOfOneWriteLandTogetherOrNotAtAll() {
    assertThatThrownBy(() -> store.write(List.of(flat("AAA", "2024-01-02", "10", 5)),
            List.of(split("ZZZ", "2024-03-01", "2", "1"))))
        .isInstanceOf(UnknownSymbolException.class);
    assertThat(store.countBars(Optional.empty())).isZero();
  }

  @Test
  void batchWriteReportsEachSymbolsCountsInTheOrderGiven() {
    store.write(List.of(flat("AAA", "2024-01-02", "10", 5)), List.of(dividend("AAA", "2024-01-02", "0.1")));

    Map<Symbol, MarketStore.WriteResult> results = store.writeBatch(List.of(
        new MarketStore.SymbolWrite(Symbol.of("BBB"), List.of(flat("BBB", "2024-01-02", "20", 1)),
            List.of(split("BBB", "2024-01-03", "2", "1"))),
        new MarketStore.SymbolWrite(Symbol.of("AAA"),
            List.of(flat("AAA", "2024-01-02", "10", 5), flat("AAA", "2024-01-03", "11", 6)),
            List.of(dividend("AAA", "2024-01-02", "0.1")))));

    assertThat(results.keySet()).containsExactly(Symbol.of("BBB"), Symbol.of("AAA"));
    assertThat(results.get(Symbol.of("BBB")).bars().inserted()).isEqualTo(1);
    assertThat(results.get(Symbol.of("BBB")).actions().inserted()).isEqualTo(1);
    MarketStore.WriteResult aaa = results.get(Symbol.of("AAA"));
    assertThat(List.of(aaa.bars().inserted(), aaa.bars().updated(), aaa.bars().unchanged()))
        .containsExactly(1L, 0L, 1L);
    assertThat(aaa.actions().unchanged()).isEqualTo(1);
    assertThat(store.countBars(Optional.empty())).isEqualTo(3);
  }

  @Test
  void batchWriteGivesASymbolWithNothingToStoreEmptyCounts() {
    Map<Symbol, MarketStore.WriteResult> results = store.writeBatch(List.of(
        new MarketStore.SymbolWrite(Symbol.of("AAA"), List.of(), List.of()),
        new MarketStore.SymbolWrite(Symbol.of("BBB"), List.of(flat("BBB", "2024-01-02", "20", 1)), List.of())));

    assertThat(results.get(Symbol.of("AAA")).bars().total()).isZero();
    assertThat(results.get(Symbol.of("BBB")).bars().inserted()).isEqualTo(1);
  }

  @Test
  void batchWriteWithdrawsOnlyWithinTheWindowOfTheSymbolThatVouchesForItsList() {
    store.upsertActions(List.of(dividend("AAA", "2024-02-01", "0.25"), dividend("BBB", "2024-02-01", "0.5")));
    ActionWindow year = new ActionWindow(Symbol.of("AAA"), Bars.TEST,
        DateRange.of(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31")));

    Map<Symbol, MarketStore.WriteResult> results = store.writeBatch(List.of(
        new MarketStore.SymbolWrite(Symbol.of("AAA"), List.of(flat("AAA", "2024-03-01", "10", 5)), List.of(),
            Optional.of(year)),
        new MarketStore.SymbolWrite(Symbol.of("BBB"), List.of(flat("BBB", "2024-03-01", "20", 1)), List.of())));

    assertThat(results.get(Symbol.of("AAA")).actions().withdrawn()).isEqualTo(1);
    assertThat(results.get(Symbol.of("BBB")).actions().withdrawn()).isZero();
    assertThat(store.actions(Symbol.of("AAA"), DateRange.ALL)).isEmpty();
    assertThat(store.actions(Symbol.of("BBB"), DateRange.ALL)).hasSize(1);
  }

  @Test
  void batchWriteRefusesASymbolTwice() {
    var once = new MarketStore.SymbolWrite(Symbol.of("AAA"), List.of(flat("AAA", "2024-01-02", "10", 5)), List.of());

    assertThatThrownBy(() -> store.writeBatch(List.of(once, once))).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.countBars(Optional.empty())).isZero();
  }

  @Test
  void findingsAreLoggedAndFilteredBySymbolSeverityAndResolution() {
    Instant now = Instant.parse("2024-05-01T10:00:00Z");
    store.insertFindings(List.of(
        new QualityFinding(Optional.empty(), Symbol.of("AAA"), "completeness", Severity.WARNING, now,
            Optional.of(LocalDate.of(2024, 1, 1)), Optional.of(LocalDate.of(2024, 4, 30)), 2,
            "{\"dates\": [\"2024-02-05\", \"2024-02-06\"]}", Optional.empty()),
        new QualityFinding(Optional.empty(), Symbol.of("BBB"), "ohlc", Severity.INFO, now, Optional.empty(),
            Optional.empty(), 0, "{}", Optional.of(now))));

    assertThat(store.findings(FindingQuery.ALL)).hasSize(2);
    List<QualityFinding> warnings = store.findings(new FindingQuery(Optional.empty(), Optional.of(Severity.WARNING),
        Optional.empty(), Optional.empty(), false, 10));
    assertThat(warnings).singleElement().satisfies(f -> {
      assertThat(f.symbol()).isEqualTo(Symbol.of("AAA"));
      assertThat(f.issueCount()).isEqualTo(2);
      assertThat(f.details()).contains("2024-02-06");
      assertThat(f.id()).isPresent();
    });
    assertThat(store.findings(new FindingQuery(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), true, 10))).extracting(QualityFinding::checkType).containsExactly("completeness");
  }

  @Test
  void findingsAreFilteredByCheckTypeMinimumSeverityAndTimeNewestFirst() {
    Instant earlier = Instant.parse("2024-05-01T10:00:00Z");
    Instant later = earlier.plusSeconds(60);
    store.insertFindings(List.of(
        new QualityFinding(Optional.empty(), Symbol.of("AAA"), "ohlc", Severity.ERROR, earlier, Optional.empty(),
            Optional.empty(), 1, "{}", Optional.empty()),
        new QualityFinding(Optional.empty(), Symbol.of("AAA"), "ohlc", Severity.WARNING, later, Optional.empty(),
            Optional.empty(), 1, "{}", Optional.empty()),
        new QualityFinding(Optional.empty(), Symbol.of("BBB"), "stale_series", Severity.ERROR, later,
            Optional.empty(), Optional.empty(), 1, "{}", Optional.empty())));

    assertThat(store.findings(new FindingQuery(Optional.empty(), Optional.of(Severity.ERROR), Optional.empty(),
        Optional.empty(), false, 10))).extracting(f -> f.symbol().value()).containsExactly("BBB", "AAA");
    assertThat(store.findings(new FindingQuery(Optional.of(Symbol.of("AAA")), Optional.empty(), Optional.of("ohlc"),
        Optional.of(later), false, 10))).extracting(QualityFinding::severity).containsExactly(Severity.WARNING);
    assertThat(store.findings(new FindingQuery(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), false, 2))).extracting(QualityFinding::checkTime).containsExactly(later, later);
  }

  @Test
  void listingDatesAreStoredAndKeptWhenAnUpdateLeavesThemOut() {
    store.upsertSymbol(new SymbolInfo(Symbol.of("AAA"), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.of(LocalDate.of(2020, 1, 2)),
        Optional.of(LocalDate.of(2024, 6, 28))));

    SymbolInfo updated = store.upsertSymbol(new SymbolInfo(Symbol.of("AAA"), Optional.of("Triple A"),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty()));

    assertThat(updated.listedOn()).contains(LocalDate.of(2020, 1, 2));
    assertThat(updated.delistedOn()).contains(LocalDate.of(2024, 6, 28));
    assertThat(store.getSymbol(Symbol.of("AAA")).delistedOn()).contains(LocalDate.of(2024, 6, 28));
  }

  @Test
  void barDatesGiveTheDatesInRangeAndTheWholeHistorysFirstAndLastBar() {
    store.upsertBars(List.of(flat("AAA", "2023-12-29", "10", 1), flat("AAA", "2024-01-02", "10", 1),
        flat("AAA", "2024-01-04", "10", 1), flat("AAA", "2025-03-03", "10", 1), flat("BBB", "2024-01-03", "5", 1)));
    store.upsertSymbol(SymbolInfo.of(Symbol.of("CCC")));

    Map<Symbol, BarDates> dates = store.barDates(List.of(Symbol.of("CCC"), Symbol.of("AAA"), Symbol.of("BBB")),
        DateRange.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)));

    assertThat(dates.keySet()).containsExactly(Symbol.of("CCC"), Symbol.of("AAA"), Symbol.of("BBB"));
    BarDates aaa = dates.get(Symbol.of("AAA"));
    assertThat(aaa.dates()).containsExactly(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 4));
    assertThat(aaa.first()).contains(LocalDate.of(2023, 12, 29));
    assertThat(aaa.last()).contains(LocalDate.of(2025, 3, 3));
    assertThat(dates.get(Symbol.of("BBB")).dates()).containsExactly(LocalDate.of(2024, 1, 3));
    BarDates ccc = dates.get(Symbol.of("CCC"));
    assertThat(ccc.dates()).isEmpty();
    assertThat(ccc.first()).isEmpty();
    assertThat(ccc.last()).isEmpty();
    BarDates whole = store.barDates(List.of(Symbol.of("AAA"), Symbol.of("CCC")), DateRange.ALL).get(Symbol.of("AAA"));
    assertThat(whole.dates()).hasSize(4);
    assertThat(whole.first()).contains(LocalDate.of(2023, 12, 29));
    assertThat(whole.last()).contains(LocalDate.of(2025, 3, 3));
  }

  @Test
  void repairAttemptsCountUpPerSessionAndKeepTheFirstAttemptTime() {
    Instant first = Instant.parse("2024-03-01T22:00:00Z");
    Instant second = Instant.parse("2024-03-02T22:00:00Z");
    LocalDate feb5 = LocalDate.of(2024, 2, 5);
    LocalDate feb6 = LocalDate.of(2024, 2, 6);
    store.recordRepairAttempts(Symbol.of("AAA"), List.of(feb5, feb6), ProviderId.CSV, "no bar delivered", first);

    List<RepairAttempt> updated = store.recordRepairAttempts(Symbol.of("AAA"), List.of(feb6),
        new ProviderId("yahoo"), "no data", second);

    assertThat(updated).singleElement().satisfies(a -> {
      assertThat(a.session()).isEqualTo(feb6);
      assertThat(a.attempts()).isEqualTo(2);
      assertThat(a.firstAttemptAt()).isEqualTo(first);
      assertThat(a.lastAttemptAt()).isEqualTo(second);
      assertThat(a.lastProvider()).isEqualTo(new ProviderId("yahoo"));
      assertThat(a.lastOutcome()).isEqualTo("no data");
    });
    assertThat(store.repairAttempts(Symbol.of("AAA"), DateRange.ALL))
        .extracting(RepairAttempt::session, RepairAttempt::attempts)
        .containsExactly(tuple(feb5, 1), tuple(feb6, 2));
    assertThat(store.repairAttempts(Symbol.of("AAA"), DateRange.of(feb6, feb6))).hasSize(1);
    assertThat(store.repairAttempts(Symbol.of("BBB"), DateRange.ALL)).isEmpty();
  }

  @Test
  void seriesComeOncePerSymbolInSymbolOrderWithTheActionsThatRestateThem() {
    store.upsertSymbol(SymbolInfo.of(Symbol.of("CCC")));
    store.write(List.of(flat("BBB", "2024-01-03", "20.5", 7), flat("AAA", "2024-01-02", "10", 5),
            flat("AAA", "2024-01-03", "11.25", 0), flat("AAA", "2023-12-29", "9", 4)),
        List.of(split("AAA", "2024-06-03", "4", "1"), dividend("AAA", "2023-12-29", "0.5"),
            dividend("AAA", "2024-01-03", "0.25")));
    List<BarSeries> seen = new ArrayList<>();

    store.forEachSeries(List.of(Symbol.of("CCC"), Symbol.of("BBB"), Symbol.of("AAA")),
        DateRange.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)), seen::add);

    assertThat(seen).extracting(s -> s.symbol().value()).containsExactly("AAA", "BBB", "CCC");
    BarSeries aaa = seen.get(0);
    assertThat(aaa.size()).isEqualTo(2);
    assertThat(List.of(aaa.date(0), aaa.date(1))).containsExactly(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3));
    assertThat(List.of(aaa.close(0), aaa.close(1))).containsExactly(10.0, 11.25);
    assertThat(List.of(aaa.volume(0), aaa.volume(1))).containsExactly(5L, 0L);
    assertThat(aaa.actions()).extracting(CorporateAction::exDate)
        .containsExactly(LocalDate.of(2024, 1, 3), LocalDate.of(2024, 6, 3));
    assertThat(seen.get(2).size()).isZero();
  }

  @Test
  void storedBarsBreakNoBarRule() {
    store.upsertBars(List.of(bar("AAA", "2024-01-02", "10.5", "11.25", "10.125", "11", 1000)));

    assertThat(store.barFaults(List.of(Symbol.of("AAA"), Symbol.of("BBB")), DateRange.ALL)).isEmpty();
  }

  @Test
  void anotherProvidersReplacedCloseComesBackBesideTheStoredOne() {
    store.upsertBars(List.of(flat("AAA", "2024-01-02", "10", 5), flat("AAA", "2024-01-03", "11", 6)));
    ProviderId other = new ProviderId("other");
    store.upsertBars(List.of(
        new DailyBar(Symbol.of("AAA"), LocalDate.of(2024, 1, 2), new BigDecimal("10"), new BigDecimal("10"),
            new BigDecimal("10"), new BigDecimal("10"), 5, Optional.empty(), other),
        new DailyBar(Symbol.of("AAA"), LocalDate.of(2024, 1, 3), new BigDecimal("11.2"), new BigDecimal("11.2"),
            new BigDecimal("11.2"), new BigDecimal("11.2"), 6, Optional.empty(), other)));

    List<AlternateClose> pairs = store.alternateCloses(List.of(Symbol.of("AAA")), DateRange.ALL);

    assertThat(pairs).singleElement().satisfies(p -> {
      assertThat(p.date()).isEqualTo(LocalDate.of(2024, 1, 3));
      assertThat(p.source()).isEqualTo(other);
      assertThat(p.close()).isEqualByComparingTo("11.2");
      assertThat(p.otherSource()).isEqualTo(ProviderId.of("test"));
      assertThat(p.otherClose()).isEqualByComparingTo("11");
    });
  }

  @Test
  void openFindingsAreTheUnresolvedOnesOfTheChecksAskedAndResolvingKeepsTheFirstTime() {
    Instant now = Instant.parse("2024-03-01T22:00:00Z");
    List<QualityFinding> logged = store.insertFindings(List.of(
        new QualityFinding(Optional.empty(), Symbol.of("AAA"), "unit_100x", Severity.ERROR, now, Optional.empty(),
            Optional.empty(), 1, "{\"dates\": [\"2024-01-02\"]}", Optional.empty()),
        new QualityFinding(Optional.empty(), Symbol.of("AAA"), "stale_series", Severity.WARNING, now,
            Optional.empty(), Optional.empty(), 1, "{}", Optional.empty()),
        new QualityFinding(Optional.empty(), Symbol.of("BBB"), "unit_100x", Severity.ERROR, now, Optional.empty(),
            Optional.empty(), 1, "{}", Optional.empty())));
    Instant later = now.plusSeconds(3600);

    int resolved = store.resolveFindings(List.of(logged.get(2).id().orElseThrow()), later);
    store.resolveFindings(List.of(logged.get(2).id().orElseThrow()), later.plusSeconds(60));

    assertThat(resolved).isEqualTo(1);
    assertThat(store.openFindings(List.of(Symbol.of("AAA"), Symbol.of("BBB")), List.of("unit_100x")))
        .extracting(QualityFinding::id).containsExactly(logged.get(0).id());
    assertThat(store.findings(new FindingQuery(Optional.of(Symbol.of("BBB")), Optional.empty(), Optional.empty(),
        Optional.empty(), false, 10))).singleElement().satisfies(f -> assertThat(f.resolvedAt()).contains(later));
  }

  @Test
  void watermarksAreKeptPerSymbolAndCheckAndReplaced() {
    Instant at = Instant.parse("2024-03-01T22:00:00Z");
    store.recordQualityWatermarks(List.of(new QualityWatermark(Symbol.of("AAA"), "unit_100x",
        LocalDate.of(2024, 2, 28))), at);

    store.recordQualityWatermarks(List.of(
        new QualityWatermark(Symbol.of("AAA"), "unit_100x", LocalDate.of(2024, 3, 1)),
        new QualityWatermark(Symbol.of("BBB"), "unit_100x", LocalDate.of(2024, 3, 1)),
        new QualityWatermark(Symbol.of("AAA"), "stale_series", LocalDate.of(2024, 2, 1))), at.plusSeconds(60));

    assertThat(store.qualityWatermarks(List.of(Symbol.of("AAA")), List.of("unit_100x", "stale_series")))
        .containsExactlyInAnyOrder(new QualityWatermark(Symbol.of("AAA"), "unit_100x", LocalDate.of(2024, 3, 1)),
            new QualityWatermark(Symbol.of("AAA"), "stale_series", LocalDate.of(2024, 2, 1)));
  }

  @Test
  void loweringWatermarksMovesEveryCheckOfTheSymbolsBackAndNeverRaisesOne() {
    Instant at = Instant.parse("2024-03-01T22:00:00Z");
    store.upsertSymbol(SymbolInfo.of(Symbol.of("CCC")));
    store.recordQualityWatermarks(List.of(
        new QualityWatermark(Symbol.of("AAA"), "unit_100x", LocalDate.of(2024, 3, 1)),
        new QualityWatermark(Symbol.of("AAA"), "stale_series", LocalDate.of(2024, 2, 1)),
        new QualityWatermark(Symbol.of("BBB"), "unit_100x", LocalDate.of(2024, 3, 1)),
        new QualityWatermark(Symbol.of("CCC"), "unit_100x", LocalDate.of(2024, 3, 1))), at);

    int lowered = store.lowerQualityWatermarks(Map.of(
        Symbol.of("AAA"), LocalDate.of(2024, 2, 14),
        Symbol.of("BBB"), LocalDate.of(2024, 3, 5),
        Symbol.of("ZZZ"), LocalDate.of(2024, 1, 1)));

    assertThat(lowered).isEqualTo(1);
    assertThat(store.qualityWatermarks(List.of(Symbol.of("AAA"), Symbol.of("BBB"), Symbol.of("CCC")),
        List.of("unit_100x", "stale_series"))).containsExactlyInAnyOrder(
            new QualityWatermark(Symbol.of("AAA"), "unit_100x", LocalDate.of(2024, 2, 14)),
            new QualityWatermark(Symbol.of("AAA"), "stale_series", LocalDate.of(2024, 2, 1)),
            new QualityWatermark(Symbol.of("BBB"), "unit_100x", LocalDate.of(2024, 3, 1)),
            new QualityWatermark(Symbol.of("CCC"), "unit_100x", LocalDate.of(2024, 3, 1)));
    assertThat(store.lowerQualityWatermarks(Map.of())).isZero();
  }
}
