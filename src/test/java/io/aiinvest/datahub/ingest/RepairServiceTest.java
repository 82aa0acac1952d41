package io.aiinvest.datahub.ingest;

import static io.aiinvest.datahub.testing.SampleHistory.dates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.RepairAttempt;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.SymbolRepair.Status;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderChain;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderFailure;
import io.aiinvest.datahub.provider.csv.CsvBarProvider;
import io.aiinvest.datahub.quality.CompletenessCheck;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.SampleHistory;
import io.aiinvest.datahub.testing.SettableClock;
import io.aiinvest.datahub.testing.TestPostgres;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repair end to end on real SPY history in a scratch PostgreSQL database: the stored history has holes, the
 * provider replays a CSV file (complete, or with its own holes for a halted stock) and records what it was asked.
 */
class RepairServiceTest {
  private static final CalendarRegistry REGISTRY = CalendarRegistry.loadBundled();
  private static final RepairWindow WHOLE_SAMPLE =
      new RepairWindow.Between(SampleHistory.FIRST.minusMonths(1), SampleHistory.LAST);

  @TempDir Path dir;

  private ScratchDatabase database;
  private PostgresMarketStore store;
  /** Monday 2025-08-11 before the open: the last completed session is the sample's last, Friday 2025-08-08. */
  private final SettableClock clock = SettableClock.newYork("2025-08-11T08:00");

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

  /** Registers the symbol and stores SPY's history under its name without the {@code holes}. */
  private SymbolInfo storedWithHoles(SymbolInfo info, List<LocalDate> holes) {
    store.upsertSymbol(info);
    Path file = SampleHistory.spyWithout(dir.resolve("stored"), info.symbol().value(), holes);
    assertThat(ingest().ingestOne(info.symbol(), new CsvBarProvider(file, Optional.empty()),
        DateRange.ALL).succeeded()).isTrue();
    return store.getSymbol(info.symbol());
  }

  private static SymbolInfo nyse(String symbol, boolean active) {
    return new SymbolInfo(Symbol.of(symbol), Optional.empty(), Optional.of("NYSEARCA"), Optional.empty(),
        Optional.empty(), Optional.empty(), active, Optional.empty());
  }

  /** The replay: SPY's complete history under each symbol's name, except {@code withheld} sessions. */
  private RecordingProvider replay(String symbol, List<LocalDate> withheld) {
    SampleHistory.spyWithout(dir.resolve("provider"), symbol, withheld);
    return new RecordingProvider(new CsvBarProvider(dir.resolve("provider"), Optional.empty()));
  }

  /** A replay of its own, answering as provider {@code name}, for the links of a chain. */
  private RecordingProvider replayAs(String name, String symbol, List<LocalDate> withheld) {
    SampleHistory.spyWithout(dir.resolve(name), symbol, withheld);
    return new RecordingProvider(new CsvBarProvider(dir.resolve(name), Optional.empty()), ProviderId.of(name));
  }

  private RepairReport repair(List<SymbolInfo> symbols, BarProvider provider, RepairWindow window) {
    SymbolSessions sessions = new SymbolSessions(REGISTRY, SymbolSessions.DEFAULT_FALLBACK_ZONE, clock);
    return new RepairService(store, sessions, RepairPolicy.DEFAULT).repair(symbols, provider, window);
  }

  private Map<LocalDate, DailyBar> storedBars(String symbol) {
    return store.bars(Symbol.of(symbol), DateRange.ALL).stream()
        .collect(Collectors.toMap(DailyBar::date, Function.identity()));
  }

  private static DateRange range(String from, String to) {
    return DateRange.of(LocalDate.parse(from), LocalDate.parse(to));
  }

  @Test
  void historyWithHolesGetsExactlyThoseHolesFilledFromACompleteReplay() {
    List<LocalDate> holes = dates("2020-08-10", "2020-08-11", "2021-01-19", "2024-02-05", "2024-03-11",
        "2024-03-12", "2024-03-13", "2024-03-14", "2024-03-15", "2024-07-03", "2024-07-05", "2025-08-08");
    SymbolInfo spy = storedWithHoles(new SymbolInfo(Symbol.of("SPY"), Optional.empty(), Optional.of("NYSEARCA"),
        Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.empty(),
        Optional.of(SampleHistory.FIRST), Optional.empty()), holes);
    Map<LocalDate, DailyBar> before = storedBars("SPY");
    RecordingProvider provider = replay("SPY", List.of());

    RepairReport report = repair(List.of(spy), provider, WHOLE_SAMPLE);

    assertThat(report.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(Status.FILLED);
      assertThat(o.calendar()).isEqualTo("XNYS");
      assertThat(o.window()).contains(DateRange.of(SampleHistory.FIRST, SampleHistory.LAST));
      assertThat(o.filled()).isEqualTo(holes);
      assertThat(o.stillMissing()).isEmpty();
      assertThat(o.fetches()).isEqualTo(6);
    });
    // Adjacent missing sessions are one fetch, across the weekend and the July 4th holiday.
    assertThat(provider.asked).containsExactly(range("2020-08-10", "2020-08-11"), range("2021-01-19",
        "2021-01-19"), range("2024-02-05", "2024-02-05"), range("2024-03-11", "2024-03-15"), range("2024-07-03",
        "2024-07-05"), range("2025-08-08", "2025-08-08"));
    Map<LocalDate, DailyBar> after = storedBars("SPY");
    assertThat(after).hasSize(SampleHistory.SESSIONS);
    Map<LocalDate, DailyBar> replayed = provider.delegate.fetch(Symbol.of("SPY"), DateRange.ALL).bars().stream()
        .collect(Collectors.toMap(DailyBar::date, Function.identity()));
    assertThat(holes).allSatisfy(d -> assertThat(after.get(d).sameValues(replayed.get(d).atPriceScale())).isTrue());
    assertThat(before).allSatisfy((d, bar) -> assertThat(after.get(d)).isEqualTo(bar));
    assertThat(store.revisions(Symbol.of("SPY"), DateRange.ALL)).isEmpty();
    assertThat(store.repairAttempts(Symbol.of("SPY"), DateRange.ALL)).isEmpty();
    SymbolSessions sessions = new SymbolSessions(REGISTRY, SymbolSessions.DEFAULT_FALLBACK_ZONE, clock);
    assertThat(new CompletenessCheck(store, sessions, 5).check(spy, DateRange.ALL)).isEmpty();
  }

  @Test
  void secondRunFindsNothingToDoAndChangesNothing() {
    SymbolInfo spy = storedWithHoles(nyse("SPY", true), dates("2024-02-05", "2024-07-03"));
    RecordingProvider provider = replay("SPY", List.of());
    repair(List.of(spy), provider, WHOLE_SAMPLE);
    Map<LocalDate, DailyBar> afterFirst = storedBars("SPY");
    provider.asked.clear();

    RepairReport second = repair(List.of(spy), provider, WHOLE_SAMPLE);

    assertThat(second.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(Status.COMPLETE);
      assertThat(o.fetches()).isZero();
    });
    assertThat(provider.asked).isEmpty();
    assertThat(storedBars("SPY")).isEqualTo(afterFirst);
    assertThat(store.revisions(Symbol.of("SPY"), DateRange.ALL)).isEmpty();
  }

  @Test
  void lookbackRepairsOnlyTheRecentHoles() {
    SymbolInfo spy = storedWithHoles(nyse("SPY", true), dates("2024-02-05", "2025-07-15"));
    RecordingProvider provider = replay("SPY", List.of());

    RepairReport report = repair(List.of(spy), provider, new RepairWindow.Lookback(30));

    assertThat(report.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.window()).contains(range("2025-07-12", "2025-08-08"));
      assertThat(o.filled()).isEqualTo(dates("2025-07-15"));
    });
    assertThat(storedBars("SPY")).doesNotContainKey(LocalDate.of(2024, 2, 5));
  }

  @Test
  void haltedSessionsAreRetriedWithGrowingPausesAndThenGivenUp() {
    List<LocalDate> halt = dates("2025-07-14", "2025-07-15", "2025-07-16");
    List<LocalDate> holes = new ArrayList<>(halt);
    holes.add(LocalDate.of(2025, 7, 22));
    SymbolInfo halted = storedWithHoles(nyse("HALT", true), holes);
    RecordingProvider provider = replay("HALT", halt);
    RepairWindow july = new RepairWindow.Between(LocalDate.of(2025, 7, 1), SampleHistory.LAST);

    RepairReport first = repair(List.of(halted), provider, july);

    assertThat(first.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(Status.PARTLY_FILLED);
      assertThat(o.filled()).isEqualTo(dates("2025-07-22"));
      assertThat(o.stillMissing()).isEqualTo(halt);
      assertThat(o.backingOff()).isEmpty();
    });
    assertThat(store.repairAttempts(Symbol.of("HALT"), DateRange.ALL)).allSatisfy(a -> {
      assertThat(a.attempts()).isEqualTo(1);
      assertThat(a.lastAttemptAt()).isEqualTo(clock.instant());
      assertThat(a.lastProvider()).isEqualTo(ProviderId.CSV);
      assertThat(a.lastOutcome()).isEqualTo("no bar delivered for the session");
    }).extracting(RepairAttempt::session).isEqualTo(halt);

    // Days after the first attempt on which a run asks again: 1, then 2 later (3), 4 later (7), 8 later (15).
    Set<Integer> retryDays = Set.of(1, 3, 7, 15);
    LocalDate firstDay = LocalDate.of(2025, 8, 11);
    for (int day = 0; day <= 40; day++) {
      clock.set(SettableClock.newYork(firstDay.plusDays(day) + "T21:00").instant());
      provider.asked.clear();

      SymbolRepair outcome = repair(List.of(halted), provider, july).outcomes().get(0);

      assertThat(outcome.stillMissing()).as("day %d", day).isEqualTo(halt);
      if (retryDays.contains(day)) {
        assertThat(provider.asked).as("day %d", day).containsExactly(range("2025-07-14", "2025-07-16"));
      } else {
        assertThat(provider.asked).as("day %d", day).isEmpty();
        assertThat(day > 15 ? outcome.givenUp() : outcome.backingOff()).as("day %d", day).isEqualTo(halt);
      }
    }
    assertThat(store.repairAttempts(Symbol.of("HALT"), DateRange.ALL))
        .extracting(RepairAttempt::attempts).containsExactly(5, 5, 5);
  }

  @Test
  void backingOffSessionsSayWhenTheyAreDueAgain() {
    SymbolInfo halted = storedWithHoles(nyse("HALT", true), dates("2025-07-14"));
    RecordingProvider provider = replay("HALT", dates("2025-07-14"));
    repair(List.of(halted), provider, WHOLE_SAMPLE);
    clock.set(SettableClock.newYork("2025-08-11T23:00").instant());

    SymbolRepair outcome = repair(List.of(halted), provider, WHOLE_SAMPLE).outcomes().get(0);

    assertThat(outcome.status()).isEqualTo(Status.STILL_MISSING);
    assertThat(outcome.backingOff()).isEqualTo(dates("2025-07-14"));
    assertThat(outcome.nextAttemptOn()).contains(LocalDate.of(2025, 8, 12));
  }

  @Test
  void inactiveSymbolIsNotRepairedPastItsLastBar() {
    store.upsertSymbol(nyse("OLD", true));
    Path stored = SampleHistory.spyKeeping(dir.resolve("stored"), "OLD",
        d -> !d.isAfter(LocalDate.of(2024, 6, 28)) && !d.equals(LocalDate.of(2024, 6, 3)));
    ingest().ingestOne(Symbol.of("OLD"), new CsvBarProvider(stored, Optional.empty()),
        DateRange.ALL);
    SymbolInfo old = store.upsertSymbol(nyse("OLD", false));
    RecordingProvider provider = replay("OLD", List.of());

    RepairReport report = repair(List.of(old), provider, WHOLE_SAMPLE);

    assertThat(report.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.window()).contains(DateRange.of(SampleHistory.FIRST, LocalDate.of(2024, 6, 28)));
      assertThat(o.filled()).isEqualTo(dates("2024-06-03"));
    });
    assertThat(provider.asked).containsExactly(range("2024-06-03", "2024-06-03"));
    assertThat(store.lastBarDate(Symbol.of("OLD"))).contains(LocalDate.of(2024, 6, 28));
  }

  @Test
  void providerOutageFailsOnlyThatSymbolAndCountsNoAttempt() {
    SymbolInfo down = storedWithHoles(nyse("DOWN", true), dates("2024-02-05"));
    SymbolInfo spy = storedWithHoles(nyse("SPY", true), dates("2024-02-05"));
    RecordingProvider provider = replay("SPY", List.of());
    provider.failing.put(Symbol.of("DOWN"), ProviderException.Kind.UNAVAILABLE);

    RepairReport report = repair(List.of(down, spy), provider, WHOLE_SAMPLE);

    assertThat(report.anyFailed()).isTrue();
    assertThat(report.outcomes().get(0)).satisfies(o -> {
      assertThat(o.status()).isEqualTo(Status.FAILED);
      assertThat(o.error()).hasValueSatisfying(e -> assertThat(e).contains("DOWN unavailable"));
      assertThat(o.stillMissing()).isEqualTo(dates("2024-02-05"));
    });
    assertThat(report.outcomes().get(1).status()).isEqualTo(Status.FILLED);
    assertThat(store.repairAttempts(Symbol.of("DOWN"), DateRange.ALL)).isEmpty();
  }

  @Test
  void providerSayingItHasNoDataCountsAsAnAttempt() {
    SymbolInfo halted = storedWithHoles(nyse("HALT", true), dates("2024-02-05"));
    RecordingProvider provider = replay("HALT", List.of());
    provider.failing.put(Symbol.of("HALT"), ProviderException.Kind.NO_DATA);

    RepairReport report = repair(List.of(halted), provider, WHOLE_SAMPLE);

    assertThat(report.anyFailed()).isFalse();
    assertThat(report.outcomes().get(0).status()).isEqualTo(Status.STILL_MISSING);
    assertThat(store.repairAttempts(Symbol.of("HALT"), DateRange.ALL)).singleElement()
        .satisfies(a -> assertThat(a.lastOutcome()).contains("HALT no data"));
  }

  @Test
  void chainAsksTheNextProviderOnlyForTheSessionsTheFirstDidNotDeliver() {
    List<LocalDate> holes = dates("2024-02-05", "2024-03-11", "2024-03-12", "2024-03-13", "2024-03-14",
        "2024-03-15", "2024-07-03", "2024-07-05");
    SymbolInfo spy = storedWithHoles(nyse("SPY", true), holes);
    RecordingProvider primary = replayAs("primary", "SPY", dates("2024-03-12", "2024-03-13", "2024-07-05"));
    RecordingProvider backup = replayAs("backup", "SPY", List.of());

    RepairReport report = repair(List.of(spy), new ProviderChain(List.of(primary, backup)), WHOLE_SAMPLE);

    ProviderId first = ProviderId.of("primary");
    ProviderId second = ProviderId.of("backup");
    assertThat(report.anyFailed()).isFalse();
    assertThat(report.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(Status.FILLED);
      assertThat(o.filled()).isEqualTo(holes);
      assertThat(o.filledByProvider()).containsExactly(
          Map.entry(first, dates("2024-02-05", "2024-03-11", "2024-03-14", "2024-03-15", "2024-07-03")),
          Map.entry(second, dates("2024-03-12", "2024-03-13", "2024-07-05")));
      assertThat(o.fetches()).isEqualTo(5);
      assertThat(o.fallbacks()).isEmpty();
    });
    assertThat(primary.asked).containsExactly(
        range("2024-02-05", "2024-02-05"), range("2024-03-11", "2024-03-15"), range("2024-07-03", "2024-07-05"));
    // Only what the first left missing, coalesced again: not the whole runs.
    assertThat(backup.asked).containsExactly(range("2024-03-12", "2024-03-13"), range("2024-07-05", "2024-07-05"));
    Map<LocalDate, DailyBar> after = storedBars("SPY");
    assertThat(after.get(LocalDate.of(2024, 3, 11)).source()).isEqualTo(first);
    assertThat(after.get(LocalDate.of(2024, 3, 12)).source()).isEqualTo(second);
    assertThat(after.get(LocalDate.of(2024, 7, 5)).source()).isEqualTo(second);
    assertThat(store.repairAttempts(Symbol.of("SPY"), DateRange.ALL)).isEmpty();
  }

  @Test
  void providerAnsweringWithNothingIsNotAFailureOfTheChain() {
    List<LocalDate> halt = dates("2025-07-14", "2025-07-15");
    SymbolInfo halted = storedWithHoles(nyse("HALT", true), dates("2025-07-14", "2025-07-15", "2025-07-22"));
    RecordingProvider primary = replayAs("primary", "HALT", List.of());
    primary.failing.put(Symbol.of("HALT"), ProviderException.Kind.NO_DATA);
    RecordingProvider backup = replayAs("backup", "HALT", halt);

    RepairReport report = repair(List.of(halted), new ProviderChain(List.of(primary, backup)), WHOLE_SAMPLE);

    assertThat(report.anyFailed()).isFalse();
    assertThat(report.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(Status.PARTLY_FILLED);
      assertThat(o.filledBy()).containsExactly(Map.entry(LocalDate.of(2025, 7, 22), ProviderId.of("backup")));
      assertThat(o.stillMissing()).isEqualTo(halt);
      assertThat(o.error()).isEmpty();
    });
    // Both providers answered for the halted sessions: one attempt each, in the last answering provider's name.
    assertThat(store.repairAttempts(Symbol.of("HALT"), DateRange.ALL)).allSatisfy(a -> {
      assertThat(a.attempts()).isEqualTo(1);
      assertThat(a.lastProvider()).isEqualTo(ProviderId.of("backup"));
      assertThat(a.lastOutcome()).isEqualTo("primary: HALT no data; backup: no bar delivered for the session");
    }).extracting(RepairAttempt::session).isEqualTo(halt);
  }

  @Test
  void providerDownInAChainIsReportedAndTheNextFillsWithoutFailingTheSymbol() {
    SymbolInfo spy = storedWithHoles(nyse("SPY", true), dates("2024-02-05", "2024-07-03"));
    RecordingProvider primary = replayAs("primary", "SPY", List.of());
    primary.failing.put(Symbol.of("SPY"), ProviderException.Kind.UNAVAILABLE);
    RecordingProvider backup = replayAs("backup", "SPY", List.of());

    RepairReport report = repair(List.of(spy), new ProviderChain(List.of(primary, backup)), WHOLE_SAMPLE);

    assertThat(report.anyFailed()).isFalse();
    assertThat(report.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(Status.FILLED);
      assertThat(o.filledByProvider()).containsOnlyKeys(ProviderId.of("backup"));
      assertThat(o.fallbacks()).extracting(ProviderFailure::provider, ProviderFailure::kind).containsExactly(
          tuple(ProviderId.of("primary"), ProviderException.Kind.UNAVAILABLE),
          tuple(ProviderId.of("primary"), ProviderException.Kind.UNAVAILABLE));
    });
  }

  @Test
  void everyProviderOfAChainDownFailsTheSymbolNamingEachAndCountsNoAttempt() {
    SymbolInfo spy = storedWithHoles(nyse("SPY", true), dates("2024-02-05"));
    RecordingProvider primary = replayAs("primary", "SPY", List.of());
    primary.failing.put(Symbol.of("SPY"), ProviderException.Kind.UNAVAILABLE);
    RecordingProvider backup = replayAs("backup", "SPY", List.of());
    backup.failing.put(Symbol.of("SPY"), ProviderException.Kind.RATE_LIMITED);

    RepairReport report = repair(List.of(spy), new ProviderChain(List.of(primary, backup)), WHOLE_SAMPLE);

    assertThat(report.outcomes()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(Status.FAILED);
      assertThat(o.error()).contains("primary: SPY unavailable; backup: SPY rate limited");
    });
    assertThat(store.repairAttempts(Symbol.of("SPY"), DateRange.ALL)).isEmpty();
  }

  @Test
  void symbolWithoutBarsHasNothingToRepair() {
    SymbolInfo empty = store.upsertSymbol(nyse("EMPTY", true));
    RecordingProvider provider = replay("EMPTY", List.of());

    RepairReport report = repair(List.of(empty), provider, WHOLE_SAMPLE);

    assertThat(report.outcomes().get(0).status()).isEqualTo(Status.NOTHING_EXPECTED);
    assertThat(provider.asked).isEmpty();
  }

  /**
   * A real provider that remembers each range it was asked for, and fails for chosen symbols. Under a name other
   * than csv it stands for another vendor of as-traded bars in a chain: its bars carry that name, and it reports no
   * splits or dividends (the stored history has them already).
   */
  private static final class RecordingProvider implements BarProvider {
    final CsvBarProvider delegate;
    final ProviderId id;
    final List<DateRange> asked = new ArrayList<>();
    final Map<Symbol, ProviderException.Kind> failing = new HashMap<>();

    RecordingProvider(CsvBarProvider delegate) {
      this(delegate, delegate.id());
    }

    RecordingProvider(CsvBarProvider delegate, ProviderId id) {
      this.delegate = delegate;
      this.id = id;
    }

    @Override
    public ProviderId id() {
      return id;
    }

    @Override
    public ProviderBars fetch(Symbol symbol, DateRange range) {
      asked.add(range);
      ProviderException.Kind kind = failing.get(symbol);
      if (kind != null) {
        throw new ProviderException(id(), kind, symbol + " " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' '));
      }
      ProviderBars answer = delegate.fetch(symbol, range);
      if (id.equals(delegate.id())) {
        return answer;
      }
      List<DailyBar> bars = answer.bars().stream()
          .map(b -> new DailyBar(b.symbol(), b.date(), b.open(), b.high(), b.low(), b.close(), b.volume(),
              b.adjustedClose(), id))
          .toList();
      return new ProviderBars(symbol, id, answer.basis(), bars, List.of(), answer.rejections());
    }
  }

  /** Ingest as the commands wire it, judging action dates by the bundled calendars. */
  private IngestService ingest() {
    return new IngestService(store, new SymbolSessions(REGISTRY, SymbolSessions.DEFAULT_FALLBACK_ZONE, clock));
  }
}
