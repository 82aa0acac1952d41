package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.api.HealthServer;
import io.aiinvest.datahub.adjust.AdjustmentCrossCheck;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.calendar.TradingCalendar;
import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.ingest.CorporateActionsService;
import io.aiinvest.datahub.ingest.IngestSettings;
import io.aiinvest.datahub.ingest.IngestSources;
import io.aiinvest.datahub.ingest.IngestWorkflow;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderRegistry;
import io.aiinvest.datahub.provider.csv.CsvBarProvider;
import io.aiinvest.datahub.quality.QualityOptions;
import io.aiinvest.datahub.quality.QualityRunner;
import io.aiinvest.datahub.quality.QualityService;
import io.aiinvest.datahub.schedule.CorporateActionsJob;
import io.aiinvest.datahub.schedule.DailyJob;
import io.aiinvest.datahub.schedule.IngestJob;
import io.aiinvest.datahub.schedule.InstanceLock;
import io.aiinvest.datahub.schedule.QualityJob;
import io.aiinvest.datahub.schedule.RepairJob;
import io.aiinvest.datahub.schedule.ServeConfig;
import io.aiinvest.datahub.schedule.Worker;
import io.aiinvest.datahub.schedule.WorkerHealth;
import io.aiinvest.datahub.schedule.WorkerSettings;
import io.aiinvest.datahub.schedule.jdbc.JobDatabase;
import io.aiinvest.datahub.store.MarketStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code datahub serve}: the always-on worker with the daily schedule, {@code GET /health} and {@code GET /jobs}. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Run the daily jobs on the sessions of the exchange calendar, in its time",
        "zone (America/New_York for XNYS): 18:00 end-of-day ingestion of every active",
        "symbol, 19:00 repair of the last 30 days, 20:00 corporate actions, 21:00",
        "quality checks. Jobs live in the database's job store: a slot missed while",
        "no worker ran runs once when one starts, and several workers on one",
        "PostgreSQL database run each job once and split its symbols. On the embedded",
        "DuckDB file one worker runs: a second serve on the file is refused, and a",
        "restart takes back at once what a killed one left in hand. SIGTERM or Ctrl-C",
        "finishes the symbol in hand, hands the rest back and exits within 30 s.",
        "",
        "Examples:",
        "  datahub serve",
        "  datahub serve --run-now --provider csv --path data/ --log-format json"
    },
    footer = {
        "",
        "Environment (default): SCHEDULE_INGEST_TIME (18:00), SCHEDULE_REPAIR_TIME",
        "(19:00), SCHEDULE_CORPORATE_ACTIONS_TIME (20:00), SCHEDULE_QUALITY_TIME",
        "(21:00), SCHEDULE_CALENDAR (XNYS), REPAIR_LOOKBACK_DAYS (30),",
        "CORPORATE_ACTIONS_LOOKBACK_DAYS (90), QUALITY_LOOKBACK_DAYS (30),",
        "RUN_JOBS_ON_STARTUP (false), WORKER_THREADS (4), WORKER_BATCH_SIZE (25),",
        "WORKER_NAME (host-pid), DATAHUB_PROVIDERS (yahoo; INGEST_PROVIDERS",
        "overrides it for serve), INGEST_CSV_PATH, HEALTH_HOST (127.0.0.1),",
        "HEALTH_PORT (8080), LOG_FORMAT (text); ingest's DATAHUB_* and",
        "<PROVIDER>_* settings apply to the fetching jobs. See docs/worker.md."
    })
final class ServeCommand extends HubSubcommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
  /** The shutdown must end within 30 s; past this the process is halted whatever is still running. */
  private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(29);

  @Option(names = "--run-now", description = "Also run the four jobs once now, in order (RUN_JOBS_ON_STARTUP).")
  boolean runNow;

  @Option(names = "--port", paramLabel = "PORT", description = "Port of GET /health and GET /jobs (HEALTH_PORT,"
      + " default 8080; 0 picks a free one).")
  Integer port;

  @Option(names = "--host", paramLabel = "HOST", description = "Address of GET /health and GET /jobs (HEALTH_HOST,"
      + " default 127.0.0.1).")
  String host;

  @Option(names = "--provider", paramLabel = "NAMES", description = "Provider chain of the fetching jobs, e.g."
      + " yahoo,stooq (INGEST_PROVIDERS, else DATAHUB_PROVIDERS, else yahoo).")
  String provider;

  @Option(names = "--path", paramLabel = "DIR", description = "Directory of SYMBOL.csv files for the csv provider"
      + " (INGEST_CSV_PATH).")
  Path path;

  @Option(names = "--log-format", paramLabel = "text|json", description = "text, or json for one JSON object a line"
      + " (LOG_FORMAT, default text).")
  String logFormat;

  @Override
  public Integer call() throws InterruptedException {
    ServeConfig serve = settings();
    LogOutput.apply(serve.logFormat());
    LOG.info("configuration: {} {}", config().describe(), serve.describe());
    Optional<InstanceLock> lock = config().db() instanceof DbTarget.DuckDb embedded
        ? Optional.of(InstanceLock.acquire(embedded.file(), serve.workerName()))
        : Optional.empty();
    try {
      return serve(serve, lock);
    } finally {
      lock.ifPresent(InstanceLock::close);
    }
  }

  private ServeConfig settings() {
    ServeConfig serve = ServeConfig.from(config()).withHealth(Optional.ofNullable(host), Optional.ofNullable(port));
    if (runNow) {
      serve = serve.withRunOnStartup(true);
    }
    if (provider != null) {
      serve = serve.withProviders(provider);
    }
    if (logFormat != null) {
      serve = serve.withLogFormat(ServeConfig.LogFormat.parse(logFormat, "--log-format"));
    }
    return serve;
  }

  /** @param lock the embedded file's lock, held by this process; empty on PostgreSQL */
  private int serve(ServeConfig serve, Optional<InstanceLock> lock) throws InterruptedException {
    MarketStore store = store();
    JobDatabase database = JobDatabase.of(store);
    TradingCalendar calendar = calendars().get(serve.calendar());
    Clock clock = clock();
    List<DailyJob> jobs = jobs(serve, store, clock);
    WorkerSettings settings = WorkerSettings.of(serve.workerName(), serve.times(), serve.threads(),
        serve.batchSize(), serve.runOnStartup());
    Worker worker = new Worker(settings, database, store, calendar, jobs, clock);
    WorkerHealth health = new WorkerHealth(database.dataSource(), store.describe(), database.history(), worker, clock,
        WorkerHealth.TIMEOUT);
    HealthServer server = HealthServer.start(serve.healthHost(), serve.healthPort(), health);
    // Commands kept off the embedded file meanwhile (datahub jobs) find the worker's endpoints here.
    lock.ifPresent(held -> held.advertise(Optional.of(server.address())));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      haltIfStuck();
      LOG.info("shutdown requested");
      try {
        worker.close();
      } finally {
        lock.ifPresent(ServeCommand::withdrawAddress);
        server.close();
        health.close();
        // Closed here, not after call() returns: the JVM halts once this hook ends. DuckDB checkpoints on close.
        closeStore();
        stopped.countDown();
        LOG.info("shutdown complete");
      }
    }, "datahub-shutdown"));
    if (lock.isPresent()) {
      worker.startAlone(lock.get());
    } else {
      worker.start();
    }
    out().println("datahub serve: worker " + worker.name() + " on " + store.describe() + "; health " + server.url()
        + "; SIGTERM or Ctrl-C stops");
    out().flush();
    stopped.await();
    return 0;
  }

  private List<DailyJob> jobs(ServeConfig serve, MarketStore store, Clock clock) {
    List<String> names = IngestSettings.parseProviders(serve.providers());
    String label = String.join(",", names);
    ProviderRegistry registry = registry(names);
    // One set of sources for the whole process, so each provider's concurrency limit holds across units of work.
    IngestSources sources = IngestSources.of(names.stream().map(registry::get).toList(), ingestSettings(),
        OptionalInt.empty());
    IngestWorkflow workflow = new IngestWorkflow(store, calendars(), clock, ingestSettings());
    BarProvider chain = names.size() > 1 ? registry.chain(names) : registry.get(names.get(0));
    SymbolSessions sessions = new SymbolSessions(calendars(), SymbolSessions.DEFAULT_FALLBACK_ZONE, clock);
    // The whole quality suite (docs/quality.md) and the adjustment cross-check, over the job's lookback window.
    List<String> checks = new ArrayList<>(QualityService.checkNames());
    checks.add(AdjustmentCrossCheck.CHECK_TYPE);
    QualityRunner quality = new QualityService(store, calendars(), clock)
        .runner(QualityOptions.DEFAULTS.withChecks(checks));
    return List.of(
        new IngestJob(workflow, sources, label),
        new RepairJob(store, sessions, chain, label, serve.repairLookbackDays()),
        new CorporateActionsJob(new CorporateActionsService(workflow), sources, label,
            serve.corporateActionsLookbackDays()),
        new QualityJob(quality, serve.qualityLookbackDays()));
  }

  /** The standard providers, plus {@code csv} reading the directory of --path or INGEST_CSV_PATH when named. */
  private ProviderRegistry registry(List<String> names) {
    if (!names.contains(ProviderId.CSV.value())) {
      return providers();
    }
    Path directory = Optional.ofNullable(path)
        .or(() -> config().var("INGEST_CSV_PATH").map(Path::of))
        .orElseThrow(() -> new DatahubException(
            "the csv provider needs a directory of SYMBOL.csv files: --path DIR or INGEST_CSV_PATH"));
    return providers().with(ProviderId.CSV.value(),
        (config, providerClock, http) -> new CsvBarProvider(directory, Optional.empty()));
  }

  /** The endpoints are about to close: commands stop looking for them (best effort, the shutdown goes on). */
  private static void withdrawAddress(InstanceLock lock) {
    try {
      lock.advertise(Optional.empty());
    } catch (DatahubException e) {
      LOG.warn("{}", e.getMessage());
    }
  }

  /** Halts the process if the orderly shutdown overruns its limit (a stuck provider call, say). */
  private static void haltIfStuck() {
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(SHUTDOWN_LIMIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      LOG.error("shutdown did not finish within {} s; halting", SHUTDOWN_LIMIT.toSeconds());
      Runtime.getRuntime().halt(1);
    }, "datahub-shutdown-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
