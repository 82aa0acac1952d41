package io.aiinvest.datahub.ingest;

import static io.aiinvest.datahub.testing.Bars.dividend;
import static io.aiinvest.datahub.testing.Bars.flat;
import static io.aiinvest.datahub.testing.Bars.split;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.TestPostgres;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The workflow on the real PostgreSQL store with a scripted provider; "now" is Thursday 2024-05-02 after close. */
class IngestWorkflowTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-02T22:00:00Z"), ZoneOffset.UTC);

  /** A weekday bar for every day of the range, a split and a dividend in May 2024; scripted errors per symbol. */
  private static final class Scripted implements BarProvider {
    final Map<Symbol, DateRange> requests = new ConcurrentHashMap<>();
    final Map<Symbol, RuntimeException> errors = new ConcurrentHashMap<>();

    @Override
    public ProviderId id() {
      return ProviderId.of("test");
    }

    @Override
    public ProviderBars fetch(Symbol symbol, DateRange range) {
      requests.put(symbol, range);
      RuntimeException error = errors.get(symbol);
      if (error != null) {
        throw error;
      }
      List<DailyBar> bars = new ArrayList<>();
      for (LocalDate day = range.from().orElseThrow(); !day.isAfter(range.to().orElseThrow());
          day = day.plusDays(1)) {
        if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
          bars.add(flat(symbol.value(), day.toString(), "10", 100));
        }
      }
      List<CorporateAction> actions = List.of(split(symbol.value(), "2024-05-01", "2", "1"),
          dividend(symbol.value(), "2024-05-02", "0.25"));
      return new ProviderBars(symbol, id(), PriceBasis.AS_TRADED, bars,
          actions.stream().filter(a -> range.contains(a.exDate())).toList(), List.of());
    }
  }

  private ScratchDatabase database;
  private PostgresMarketStore store;
  private IngestSettings settings;
  private IngestWorkflow workflow;
  private final Scripted provider = new Scripted();

  @BeforeEach
  void open() {
    database = TestPostgres.scratch();
    store = PostgresMarketStore.open(database.target(), TestPostgres.config(database));
    settings = IngestSettings.from(HubConfig.from(Map.of(), Optional.empty()), List.of("test"));
    workflow = new IngestWorkflow(store, CalendarRegistry.loadBundled(), CLOCK, settings);
  }

  @AfterEach
  void close() {
    store.close();
    database.close();
  }

  private List<Symbol> register(String... symbols) {
    List<Symbol> registered = new ArrayList<>();
    for (String symbol : symbols) {
      registered.add(store.upsertSymbol(SymbolInfo.of(Symbol.of(symbol))).symbol());
    }
    return registered;
  }

  private IngestSources sources() {
    return IngestSources.of(List.of(provider), settings, OptionalInt.empty());
  }

  @Test
  void incrementalRunStartsEachSymbolWhereItsOwnHistoryEnds() {
    List<Symbol> symbols = register("AAA", "BBB");
    store.upsertBars(List.of(flat("AAA", "2024-04-30", "10", 100)));

    IngestReport report = workflow.run(
        IngestRequest.incremental(symbols, Optional.empty(), Optional.empty()), sources(), IngestListener.NONE);

    assertThat(provider.requests.get(Symbol.of("AAA")))
        .isEqualTo(DateRange.of(LocalDate.parse("2024-05-01"), LocalDate.parse("2024-05-02")));
    assertThat(provider.requests.get(Symbol.of("BBB")))
        .isEqualTo(DateRange.of(LocalDate.parse("2023-05-03"), LocalDate.parse("2024-05-02")));
    assertThat(report.outcomes()).extracting(o -> o.bars().inserted()).containsExactly(2L, 262L);
  }

  @Test
  void outcomesComeInTheOrderAskedAndTheListenerHearsOfEverySymbol() {
    List<Symbol> symbols = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      symbols.addAll(register(String.format("S%02d", 29 - i)));
    }
    List<Integer> done = new CopyOnWriteArrayList<>();

    IngestReport report = workflow.run(
        IngestRequest.incremental(symbols, Optional.of(LocalDate.parse("2024-04-29")), Optional.empty()),
        sources(), (outcome, count, total) -> done.add(count));

    assertThat(report.outcomes()).extracting(SymbolOutcome::symbol).containsExactlyElementsOf(symbols);
    assertThat(report.outcomes()).allSatisfy(o -> assertThat(o.bars().inserted()).isEqualTo(4));
    assertThat(done).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 30).boxed().toList());
  }

  @Test
  void unknownAndBrokenSymbolsFailAloneWhileTheOthersAreStored() {
    List<Symbol> symbols = new ArrayList<>(register("AAA", "BBB"));
    symbols.add(Symbol.of("ZZZ"));
    provider.errors.put(Symbol.of("BBB"), new IllegalStateException("boom"));

    IngestReport report = workflow.run(
        IngestRequest.incremental(symbols, Optional.of(LocalDate.parse("2024-05-01")), Optional.empty()),
        sources(), IngestListener.NONE);

    assertThat(report.outcomes()).extracting(SymbolOutcome::status).containsExactly(
        SymbolOutcome.Status.OK, SymbolOutcome.Status.FAILED, SymbolOutcome.Status.FAILED);
    assertThat(report.outcomes().get(1).error()).hasValueSatisfying(e -> assertThat(e).contains("boom"));
    assertThat(report.outcomes().get(2).error())
        .contains("unknown symbol ZZZ: add it first with 'datahub add-symbol ZZZ'");
    assertThat(store.countBars(Optional.of(Symbol.of("AAA")))).isEqualTo(2);
  }

  @Test
  void corporateActionsRefreshStoresSplitsAndDividendsButNoBars() {
    List<Symbol> symbols = register("AAA", "BBB");
    CorporateActionsService service = new CorporateActionsService(workflow);

    IngestReport first = service.refresh(
        symbols, Optional.of(LocalDate.parse("2024-01-01")), sources(), IngestListener.NONE);
    IngestReport again = service.refresh(
        symbols, Optional.of(LocalDate.parse("2024-01-01")), sources(), IngestListener.NONE);

    assertThat(first.outcomes()).allSatisfy(o -> {
      assertThat(o.actions().inserted()).isEqualTo(2);
      assertThat(o.bars().total()).isZero();
    });
    assertThat(again.totalActions().unchanged()).isEqualTo(4);
    assertThat(store.countBars(Optional.empty())).isZero();
    assertThat(store.actions(Symbol.of("AAA"), DateRange.ALL)).hasSize(2);
  }
}
