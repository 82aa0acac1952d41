package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.config.DbTarget;
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
import io.aiinvest.datahub.schedule.jdbc.JobDatabase;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.duckdb.DuckDbMarketStore;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.TickingClock;
import io.aiinvest.datahub.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * A scratch database with the pieces of a worker. On PostgreSQL each worker has its own connection pool, as separate
 * processes would; an embedded DuckDB file is opened once, as by the one process that may open it, and
 * {@link #restart} closes and reopens it as a restarted {@code serve} would. Timings are short (polling every 50 ms)
 * so tests wait milliseconds for a scheduler to pick work up.
 */
final class WorkerHarness implements AutoCloseable {
  static final TradingCalendar XNYS = CalendarRegistry.loadBundled().get("XNYS");

  private final Optional<ScratchDatabase> postgres;
  /** The DuckDB file, in a temporary directory of its own, deleted on close. */
  private final Optional<DbTarget.DuckDb> duckDb;
  private final List<AutoCloseable> opened = new ArrayList<>();
  /** On DuckDB, the serve lock of the worker last started by {@link #start}, until {@link #kill}. */
  private Optional<InstanceLock> lock = Optional.empty();
  /** The harness's own store and the history in its database; {@link #restart} replaces both on DuckDB. */
  MarketStore store;
  JobHistory history;

  /** On a scratch PostgreSQL database. */
  WorkerHarness() {
    this(Optional.of(TestPostgres.scratch()), Optional.empty());
  }

  private WorkerHarness(Optional<ScratchDatabase> postgres, Optional<DbTarget.DuckDb> duckDb) {
    this.postgres = postgres;
    this.duckDb = duckDb;
    this.store = openStore();
    this.history = JobDatabase.of(store).history();
  }

  /** On a DuckDB file in a new temporary directory. */
  static WorkerHarness duckDb() {
    try {
      Path directory = Files.createTempDirectory("datahub-worker-");
      return new WorkerHarness(Optional.empty(), Optional.of(new DbTarget.DuckDb(directory.resolve("hub.duckdb"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether several workers can share the database: PostgreSQL, not an embedded file. */
  boolean sharedByWorkers() {
    return postgres.isPresent();
  }

  ScratchDatabase postgres() {
    return postgres.orElseThrow(() -> new IllegalStateException("the harness is on DuckDB"));
  }

  /** A store of its own on PostgreSQL; on DuckDB the one store of the file. */
  MarketStore openStore() {
    if (duckDb.isPresent()) {
      if (store == null) {
        store = DuckDbMarketStore.open(duckDb.get());
        opened.add(store);
      }
      return store;
    }
    ScratchDatabase database = postgres();
    PostgresMarketStore own = PostgresMarketStore.open(database.target(), TestPostgres.config(database));
    opened.add(own);
    return own;
  }

  /**
   * On DuckDB, closes the file and opens it again, as a {@code serve} that stopped and started would (stop its workers
   * first); on PostgreSQL every worker has its own pool already, and this does nothing.
   */
  void restart() {
    if (duckDb.isPresent()) {
      opened.remove(store);
      store.close();
      store = null;
      store = openStore();
      history = JobDatabase.of(store).history();
    }
  }

  /**
   * Starts a worker as {@code serve} does: on DuckDB holding the file's serve lock, as the file's one worker
   * ({@link Worker#startAlone}); on PostgreSQL as one of any number.
   */
  void start(Worker worker) {
    if (duckDb.isPresent()) {
      InstanceLock held = InstanceLock.acquire(duckDb.get().file(), worker.name());
      lock = Optional.of(held);
      worker.startAlone(held);
    } else {
      worker.start();
    }
  }

  /**
   * The process of the worker on {@code own} dies: its connections go, and on DuckDB the file and its serve lock
   * with them, the harness opening the file again as the next process would. Nothing is cleaned up: its threads
   * wake up to a closed pool.
   */
  void kill(MarketStore own) {
    if (duckDb.isPresent()) {
      lock.ifPresent(InstanceLock::close);
      lock = Optional.empty();
      restart();
    } else {
      own.close();
    }
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
    Worker worker = new Worker(settings, JobDatabase.of(own), own, XNYS, jobs, clock);
    opened.add(0, worker);
    return worker;
  }

  /** Symbols finished per worker name in a run, read straight from the history table. */
  Map<String, Integer> symbolsPerWorker(long runId) {
    String sql = "SELECT worker, count(*) FROM market_data.job_run_items WHERE run_id = ? GROUP BY worker";
    try (Connection connection = JobDatabase.of(store).dataSource().getConnection();
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
    lock.ifPresent(InstanceLock::close);
    if (postgres.isPresent()) {
      postgres.get().close();
    }
    if (duckDb.isPresent()) {
      Path directory = duckDb.get().file().getParent();
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }
}
