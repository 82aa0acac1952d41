package io.aiinvest.datahub.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.ingest.IngestSettings;
import io.aiinvest.datahub.provider.ProviderRegistry;
import io.aiinvest.datahub.schedule.InstanceLock;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.StoreException;
import io.aiinvest.datahub.store.StoreFactory;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code datahub}: the operator's command line. Holds what every subcommand shares (configuration, the store opened
 * on first use) and maps errors to one clear line and an exit code: 0 ok, 1 failure, 2 usage.
 */
@Command(
    name = "datahub",
    mixinStandardHelpOptions = true,
    versionProvider = DatahubCommand.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "End-of-day equity market data hub: fetch daily bars, store them as traded, track splits and dividends,",
        "check their quality and serve clean history.",
        "",
        "The database comes from --db or POSTGRES_URL (postgresql://user:pass@host:port/db, or duckdb:PATH);",
        "without either it is the embedded DuckDB file DATAHUB_HOME/datahub.duckdb (DATAHUB_HOME: ~/.datahub).",
        "Every command migrates the schema to the latest version first."
    },
    footer = {
        "",
        "Exit codes: 0 ok, 1 failure (bad data, unreachable database, a symbol that failed), 2 usage error.",
        "Run 'datahub COMMAND --help' for a command's options and examples."
    },
    subcommands = {
        InitCommand.class,
        AddSymbolCommand.class,
        ListSymbolsCommand.class,
        IngestCommand.class,
        BarsCommand.class,
        CorporateActionsCommand.class,
        QaCheckCommand.class,
        ViewIssuesCommand.class,
        CompletenessCommand.class,
        RepairCommand.class,
        CalendarCommand.class,
        ServeCommand.class,
        JobsCommand.class,
        BenchCommand.class,
        DemoCommand.class,
        ExportCommand.class,
        CommandLine.HelpCommand.class
    })
public final class DatahubCommand implements Callable<Integer> {
  private final Map<String, String> env;
  private final Clock clock;
  private HubConfig config;
  private MarketStore store;
  private ProviderRegistry providers;
  private IngestSettings ingestSettings;
  private CalendarRegistry calendars;

  @Spec CommandSpec spec;

  @Option(
      names = "--db",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "Database URL (postgresql://user:pass@host:port/db, jdbc:postgresql://... or duckdb:PATH);"
          + " overrides POSTGRES_URL. Default: the DuckDB file DATAHUB_HOME/datahub.duckdb.")
  String db;

  public DatahubCommand(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(env);
    this.clock = clock;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** The configuration, built once from the flags and the environment. */
  HubConfig config() {
    if (config == null) {
      config = HubConfig.from(env, Optional.ofNullable(db));
      applyLogLevel(config.logLevelOr(HubConfig.DEFAULT_LOG_LEVEL));
    }
    return config;
  }

  /**
   * For a command that prints its own summary of the work (the demo): the hub's INFO lines on stderr would only
   * clutter it, so it logs warnings and errors only, unless {@code LOG_LEVEL} asks for a level explicitly.
   */
  void logWarningsOnly() {
    applyLogLevel(config().logLevelOr(Level.WARN.levelStr));
  }

  /** The providers by name, built from the configuration on first use. */
  ProviderRegistry providers() {
    if (providers == null) {
      providers = ProviderRegistry.standard(config(), clock);
    }
    return providers;
  }

  /** Ingest's settings, for the registry's providers and {@code csv}. */
  IngestSettings ingestSettings() {
    if (ingestSettings == null) {
      List<String> names = new ArrayList<>(providers().names());
      names.add(ProviderId.CSV.value());
      ingestSettings = IngestSettings.from(config(), names);
    }
    return ingestSettings;
  }

  /** The store, opened and migrated on first use and closed when the command ends. */
  synchronized MarketStore store() {
    if (store == null) {
      try {
        store = StoreFactory.open(config());
      } catch (StoreException e) {
        throw namingTheWorker(e);
      }
    }
    return store;
  }

  /**
   * An embedded file that does not open while a {@code datahub serve} runs on it is held by that worker, which DuckDB
   * names only by its process id: the worker's lock file says which worker it is.
   */
  private RuntimeException namingTheWorker(StoreException e) {
    if (config().db() instanceof DbTarget.DuckDb embedded) {
      Optional<InstanceLock.Holder> holder = InstanceLock.holder(embedded.file());
      if (holder.isPresent()) {
        return new DatahubException("database file " + embedded.file() + " is in use by datahub serve ("
            + holder.get().worker() + "), the one worker an embedded file has: other commands can open it once that"
            + " worker stops ('datahub jobs' reads the job history from the worker meanwhile); use PostgreSQL"
            + " (POSTGRES_URL) to run commands beside the workers", e);
      }
    }
    return e;
  }

  /** What "now" is for commands that judge time (last completed session, repair backoff); tests set it. */
  Clock clock() {
    return clock;
  }

  /** The bundled trading calendars, loaded on first use. */
  CalendarRegistry calendars() {
    if (calendars == null) {
      calendars = CalendarRegistry.loadBundled();
    }
    return calendars;
  }

  synchronized void closeStore() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  private static void applyLogLevel(String level) {
    Logger hub = (Logger) LoggerFactory.getLogger("io.aiinvest.datahub");
    hub.setLevel(Level.toLevel(level, Level.INFO));
  }

  /** A command line wired with the hub's error handling, for {@code main} and tests alike. */
  public static CommandLine commandLine(Map<String, String> env) {
    return commandLine(env, Clock.systemUTC());
  }

  /** The same, with the clock commands take "now" from. */
  public static CommandLine commandLine(Map<String, String> env, Clock clock) {
    DatahubCommand root = new DatahubCommand(env, clock);
    CommandLine commandLine = new CommandLine(root);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    HelpLayout.apply(commandLine);
    commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
      PrintWriter err = cl.getErr();
      if (e instanceof DatahubException) {
        err.println("error: " + e.getMessage());
      } else {
        err.println("error: unexpected " + e);
        LoggerFactory.getLogger(DatahubCommand.class).debug("unexpected failure", e);
      }
      err.flush();
      return 1;
    });
    commandLine.setExecutionStrategy(parseResult -> {
      try {
        return new CommandLine.RunLast().execute(parseResult);
      } finally {
        root.closeStore();
      }
    });
    return commandLine;
  }

  public static void main(String[] args) {
    int code = commandLine(System.getenv()).execute(args);
    System.exit(code);
  }

  /** Reports the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = DatahubCommand.class.getPackage().getImplementationVersion();
      return new String[] {"datahub " + (version == null ? "development build" : version)};
    }
  }
}
