package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.ingest.CorporateActionsService;
import io.aiinvest.datahub.ingest.IngestSettings;
import io.aiinvest.datahub.ingest.IngestSources;
import io.aiinvest.datahub.ingest.IngestWorkflow;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.calendar.TradingCalendar;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.schedule.postgres.PostgresJobHistory;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.TickingClock;
import io.aiinvest.datahub.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A scratch database with the pieces of a worker, each worker on its own connection pool as separate processes
 * would be. Timings are short (polling every 50 ms) so tests wait milliseconds for a scheduler to pick work up.
 */
final class WorkerHarness implements AutoCloseable {
  static final TradingCalendar XNYS = CalendarRegistry.loadBundled().get("XNYS");

  final ScratchDatabase database = TestPostgres.scratch();
  private final List<AutoCloseable> opened = new ArrayList<>();
  final MarketStore store = openStore();
  final JobHistory history = PostgresJobHistory.of(store);

  MarketStore openStore() {
    PostgresMarketStore opened = PostgresMarketStore.open(database.target(), TestPostgres.config(database));
    this.opened.add(opened);
    return opened;
  }

  List<Symbol> addSymbols(int count) {
    List<Symbol> symbols = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Symbol symbol = new Symbol(String.format("S%03d", i));
      store.upsertSymbol(SymbolInfo.of(symbol));
      symbols.add(symbol);
    }
    return symbols;
  }

  /**
   * Ingest's settings for the test providers, each limited to one fetch at a time (the workflow then holds two
   * symbols at once), so tests can tell which symbols a stop finds in hand.
   */
  static IngestSettings ingestSettings() {
    return IngestSettings.from(HubConfig.from(Map.of("COUNTING_CONCURRENCY", "1", "TEST_CONCURRENCY", "1"),
        Optional.empty()), List.of("counting", "test"));
  }

  /** The ingest job as serve builds it, over the providers in order of preference. */
  static IngestJob ingestJob(MarketStore store, Clock clock, BarProvider... providers) {
    return new IngestJob(workflow(store, clock), sources(providers),
        String.join(",", Arrays.stream(providers).map(p -> p.id().value()).toList()));
  }

  /** The corporate-actions job as serve builds it, over the provider alone. */
  static CorporateActionsJob corporateActionsJob(MarketStore store, Clock clock, BarProvider provider,
      int lookbackDays) {
    return new CorporateActionsJob(new CorporateActionsService(workflow(store, clock)), sources(provider),
        provider.id().value(), lookbackDays);
  }

  private static IngestWorkflow workflow(MarketStore store, Clock clock) {
    return new IngestWorkflow(store, CalendarRegistry.loadBundled(), clock, ingestSettings());
  }

  private static IngestSources sources(BarProvider... providers) {
    return IngestSources.of(List.of(providers), ingestSettings(), OptionalInt.empty());
  }

  /** Each symbol's calendar by the given clock; the test symbols have no exchange, so the weekday fallback. */
  static SymbolSessions sessions(Clock clock) {
    return new SymbolSessions(CalendarRegistry.loadBundled(), SymbolSessions.DEFAULT_FALLBACK_ZONE, clock);
  }

  static WorkerSettings settings(String name, List<DailyJob> jobs, LocalTime at, boolean runNow, int threads,
      int batchSize) {
    Map<String, LocalTime> times = new LinkedHashMap<>();
    jobs.forEach(job -> times.put(job.name(), at));
    return new WorkerSettings(name, times, threads, batchSize, Duration.ofMillis(50), Duration.ofSeconds(1), 4,
        Duration.ofSeconds(2), runNow);
  }

  /** A worker on its own pool, closed with the harness. */
  Worker worker(String name, TickingClock clock, List<DailyJob> jobs, boolean runNow, int threads, int batchSize) {
    MarketStore own = openStore();
    return worker(settings(name, jobs, LocalTime.of(18, 0), runNow, threads, batchSize), own, clock, jobs);
  }

  Worker worker(WorkerSettings settings, MarketStore own, TickingClock clock, List<DailyJob> jobs) {
    Worker worker = new Worker(settings, PostgresJobHistory.dataSourceOf(own), own, PostgresJobHistory.of(own), XNYS,
        jobs, clock);
    opened.add(0, worker);
    return worker;
  }

  /** Symbols finished per worker name in a run, read straight from the history table. */
  Map<String, Integer> symbolsPerWorker(long runId) {
    String sql = "SELECT worker, count(*) FROM market_data.job_run_items WHERE run_id = ? GROUP BY worker";
    try (Connection connection = PostgresJobHistory.dataSourceOf(store).getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, runId);
      Map<String, Integer> counts = new LinkedHashMap<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getInt(2));
        }
      }
      return counts;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable closeable : opened) {
      closeable.close();
    }
    database.close();
  }
}
