package io.aiinvest.datahub.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.ActionRevision;
import io.aiinvest.datahub.domain.BarRevision;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.RepairAttempt;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.IngestService;
import io.aiinvest.datahub.provider.csv.CsvBarProvider;
import io.aiinvest.datahub.store.ActionWindow;
import io.aiinvest.datahub.store.FindingQuery;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.SampleHistory;
import io.aiinvest.datahub.testing.SettableClock;
import io.aiinvest.datahub.testing.TestPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality port methods' defaults in {@link MarketStore} compute what PostgreSQL's set-based SQL computes: the suite
 * over a store that implements only the mandatory methods (as the DuckDB store may) finds the same issues as over
 * PostgreSQL itself, on the same data.
 */
class PortDefaultsTest {
  @TempDir Path dir;

  private final SettableClock clock = SettableClock.newYork("2025-08-11T08:00");
  private ScratchDatabase database;
  private PostgresMarketStore postgres;

  @BeforeEach
  void open() {
    database = TestPostgres.scratch();
    postgres = PostgresMarketStore.open(database.target(), TestPostgres.config(database));
  }

  @AfterEach
  void drop() {
    postgres.close();
    database.close();
  }

  private void ingest(String symbol) {
    postgres.upsertSymbol(new SymbolInfo(Symbol.of(symbol), Optional.empty(), Optional.of("NYSEARCA"),
        Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.empty()));
    Path file = SampleHistory.spy(dir.resolve(symbol), symbol);
    new IngestService(postgres, new SymbolSessions(CalendarRegistry.loadBundled(),
        SymbolSessions.DEFAULT_FALLBACK_ZONE, clock)).ingestOne(Symbol.of(symbol),
        new CsvBarProvider(file, Optional.empty()), DateRange.ALL);
  }

  private void replaceClose(String symbol, String date, String factor, ProviderId source) {
    DailyBar bar = postgres.bars(Symbol.of(symbol), DateRange.of(LocalDate.parse(date), LocalDate.parse(date)))
        .get(0);
    BigDecimal f = new BigDecimal(factor);
    postgres.upsertBars(List.of(new DailyBar(bar.symbol(), bar.date(), bar.open().multiply(f),
        bar.high().multiply(f), bar.low().multiply(f), bar.close().multiply(f), bar.volume(), Optional.empty(),
        source)));
  }

  /** Check, severity and dates of each finding, in a comparable order. */
  private static List<String> issues(List<QualityFinding> findings) {
    return findings.stream().map(f -> f.symbol() + " " + f.checkType() + " " + f.severity() + " "
        + FindingDetails.dates(f)).sorted().toList();
  }

  @Test
  void theDefaultsFindWhatTheSqlFinds() {
    ingest("SPY");
    ingest("COPY");
    ingest("OTHER");
    replaceClose("OTHER", "2024-03-14", "100", ProviderId.CSV);
    replaceClose("OTHER", "2023-05-10", "1.02", new ProviderId("stooq"));
    List<Symbol> symbols = List.of(Symbol.of("SPY"), Symbol.of("COPY"), Symbol.of("OTHER"));

    List<QualityFinding> bySql = new QualityService(postgres, CalendarRegistry.loadBundled(), clock)
        .run(symbols, DateRange.ALL, QualityOptions.DEFAULTS.withFull(true));
    postgres.resolveFindings(bySql.stream().map(f -> f.id().orElseThrow()).toList(), clock.instant());
    List<QualityFinding> byDefaults = new QualityService(new MandatoryOnly(postgres), CalendarRegistry.loadBundled(),
        clock).run(symbols, DateRange.ALL, QualityOptions.DEFAULTS.withFull(true));

    assertThat(issues(bySql)).contains("COPY duplicate_series ERROR [2020-08-10]",
        "OTHER unit_100x ERROR [2024-03-14, 2024-03-15]", "OTHER cross_provider WARNING [2023-05-10]");
    assertThat(issues(byDefaults)).isEqualTo(issues(bySql));
  }

  /** A store with only the methods {@link MarketStore} does not default, and resolving, delegated to PostgreSQL. */
  private record MandatoryOnly(MarketStore store) implements MarketStore {
    @Override
    public String describe() {
      return "defaults over " + store.describe();
    }

    @Override
    public String schemaVersion() {
      return store.schemaVersion();
    }

    @Override
    public SymbolInfo upsertSymbol(SymbolInfo symbol) {
      return store.upsertSymbol(symbol);
    }

    @Override
    public Optional<SymbolInfo> findSymbol(Symbol symbol) {
      return store.findSymbol(symbol);
    }

    @Override
    public List<SymbolInfo> listSymbols(boolean includeInactive) {
      return store.listSymbols(includeInactive);
    }

    @Override
    public WriteResult write(List<DailyBar> bars, List<CorporateAction> actions, Optional<ActionWindow> replacing) {
      return store.write(bars, actions, replacing);
    }

    @Override
    public List<DailyBar> bars(Symbol symbol, DateRange range) {
      return store.bars(symbol, range);
    }

    @Override
    public Map<LocalDate, DailyBar> previousBars(Symbol symbol, Collection<LocalDate> dates) {
      return store.previousBars(symbol, dates);
    }

    @Override
    public Optional<LocalDate> firstBarDate(Symbol symbol) {
      return store.firstBarDate(symbol);
    }

    @Override
    public Optional<LocalDate> lastBarDate(Symbol symbol) {
      return store.lastBarDate(symbol);
    }

    @Override
    public long countBars(Optional<Symbol> symbol) {
      return store.countBars(symbol);
    }

    @Override
    public List<BarRevision> revisions(Symbol symbol, DateRange range) {
      return store.revisions(symbol, range);
    }

    @Override
    public List<CorporateAction> actions(Symbol symbol, DateRange range) {
      return store.actions(symbol, range);
    }

    @Override
    public List<ActionRevision> actionRevisions(Symbol symbol, DateRange range) {
      return store.actionRevisions(symbol, range);
    }

    @Override
    public List<QualityFinding> insertFindings(List<QualityFinding> findings) {
      return store.insertFindings(findings);
    }

    @Override
    public List<QualityFinding> findings(FindingQuery query) {
      return store.findings(query);
    }

    @Override
    public int resolveFindings(Collection<Long> ids, Instant at) {
      return store.resolveFindings(ids, at);
    }

    @Override
    public List<RepairAttempt> repairAttempts(Symbol symbol, DateRange range) {
      return store.repairAttempts(symbol, range);
    }

    @Override
    public List<RepairAttempt> recordRepairAttempts(Symbol symbol, Collection<LocalDate> sessions,
        ProviderId provider, String outcome, Instant attemptedAt) {
      return store.recordRepairAttempts(symbol, sessions, provider, outcome, attemptedAt);
    }

    @Override
    public void close() {}
  }
}
