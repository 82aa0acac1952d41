package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.DatahubException;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration of {@code datahub serve}, read once from the environment (flags override it in the command) and
 * validated before anything starts. Variables and defaults are listed in docs/worker.md.
 *
 * @param calendar the exchange calendar whose sessions the jobs run on, in its time zone
 * @param times the daily time of each job, by job name
 * @param providers the provider chain the fetching jobs use, e.g. {@code yahoo,stooq}: {@code INGEST_PROVIDERS} when
 *     set, else {@code DATAHUB_PROVIDERS} as for {@code datahub ingest}, else {@code yahoo}
 */
public record ServeConfig(
    String calendar,
    Map<String, LocalTime> times,
    int repairLookbackDays,
    int corporateActionsLookbackDays,
    int qualityLookbackDays,
    boolean runOnStartup,
    int threads,
    int batchSize,
    String workerName,
    String providers,
    String healthHost,
    int healthPort,
    LogFormat logFormat) {

  /** How log lines are written to stderr. */
  public enum LogFormat {
    TEXT,
    /** One JSON object per line, with the job, run, provider and symbol of the line as fields. */
    JSON;

    public static LogFormat parse(String raw, String name) {
      try {
        return valueOf(raw.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new DatahubException(name + " must be text or json, got '" + raw + "'");
      }
    }
  }

  public static final String DEFAULT_CALENDAR = "XNYS";
  public static final LocalTime INGEST_TIME = LocalTime.of(18, 0);
  public static final LocalTime REPAIR_TIME = LocalTime.of(19, 0);
  public static final LocalTime CORPORATE_ACTIONS_TIME = LocalTime.of(20, 0);
  public static final LocalTime QUALITY_TIME = LocalTime.of(21, 0);
  public static final int REPAIR_LOOKBACK_DAYS = 30;
  /** Ex-dates a nightly run looks back over: a quarter catches late and revised dividends. */
  public static final int CORPORATE_ACTIONS_LOOKBACK_DAYS = 90;
  public static final int QUALITY_LOOKBACK_DAYS = 30;
  public static final int THREADS = 4;
  public static final int BATCH_SIZE = 25;
  public static final String PROVIDERS = "yahoo";
  public static final String HEALTH_HOST = "127.0.0.1";
  public static final int HEALTH_PORT = 8080;

  public ServeConfig {
    Objects.requireNonNull(calendar, "calendar");
    times = Map.copyOf(times);
    positive("REPAIR_LOOKBACK_DAYS", repairLookbackDays);
    positive("CORPORATE_ACTIONS_LOOKBACK_DAYS", corporateActionsLookbackDays);
    positive("QUALITY_LOOKBACK_DAYS", qualityLookbackDays);
    positive("WORKER_THREADS", threads);
    positive("WORKER_BATCH_SIZE", batchSize);
    if (workerName.isBlank() || workerName.length() > 100) {
      throw new DatahubException("WORKER_NAME must be 1-100 characters");
    }
    if (providers.isBlank()) {
      throw new DatahubException("no provider for the fetching jobs; name at least one in DATAHUB_PROVIDERS (or"
          + " INGEST_PROVIDERS, which overrides it for serve), e.g. yahoo");
    }
    if (healthPort < 0 || healthPort > 65_535) {
      throw new DatahubException("HEALTH_PORT must be 0-65535, got " + healthPort);
    }
    Objects.requireNonNull(logFormat, "logFormat");
  }

  /** Reads the serve variables from the configuration's environment snapshot. */
  public static ServeConfig from(HubConfig config) {
    Map<String, LocalTime> times = new LinkedHashMap<>();
    times.put(IngestJob.NAME, time(config, "SCHEDULE_INGEST_TIME", INGEST_TIME));
    times.put(RepairJob.NAME, time(config, "SCHEDULE_REPAIR_TIME", REPAIR_TIME));
    times.put(CorporateActionsJob.NAME, time(config, "SCHEDULE_CORPORATE_ACTIONS_TIME", CORPORATE_ACTIONS_TIME));
    times.put(QualityJob.NAME, time(config, "SCHEDULE_QUALITY_TIME", QUALITY_TIME));
    return new ServeConfig(
        config.var("SCHEDULE_CALENDAR").map(String::strip).orElse(DEFAULT_CALENDAR),
        times,
        integer(config, "REPAIR_LOOKBACK_DAYS", REPAIR_LOOKBACK_DAYS),
        integer(config, "CORPORATE_ACTIONS_LOOKBACK_DAYS", CORPORATE_ACTIONS_LOOKBACK_DAYS),
        integer(config, "QUALITY_LOOKBACK_DAYS", QUALITY_LOOKBACK_DAYS),
        bool(config, "RUN_JOBS_ON_STARTUP", false),
        integer(config, "WORKER_THREADS", THREADS),
        integer(config, "WORKER_BATCH_SIZE", BATCH_SIZE),
        config.var("WORKER_NAME").map(String::strip).orElseGet(() -> defaultWorkerName(config)),
        config.var("INGEST_PROVIDERS").or(() -> config.var("DATAHUB_PROVIDERS")).map(String::strip)
            .orElse(PROVIDERS),
        config.var("HEALTH_HOST").map(String::strip).orElse(HEALTH_HOST),
        integer(config, "HEALTH_PORT", HEALTH_PORT),
        config.var("LOG_FORMAT").map(v -> LogFormat.parse(v, "LOG_FORMAT")).orElse(LogFormat.TEXT));
  }

  /** Host name and process id: unique among the workers on one database unless two hosts share a name. */
  private static String defaultWorkerName(HubConfig config) {
    String host = config.var("HOSTNAME").map(String::strip).orElse("datahub");
    return host + "-" + ProcessHandle.current().pid();
  }

  public ServeConfig withRunOnStartup(boolean run) {
    return new ServeConfig(calendar, times, repairLookbackDays, corporateActionsLookbackDays, qualityLookbackDays,
        run, threads, batchSize, workerName, providers, healthHost, healthPort, logFormat);
  }

  public ServeConfig withHealth(Optional<String> host, Optional<Integer> port) {
    return new ServeConfig(calendar, times, repairLookbackDays, corporateActionsLookbackDays, qualityLookbackDays,
        runOnStartup, threads, batchSize, workerName, providers, host.orElse(healthHost), port.orElse(healthPort),
        logFormat);
  }

  public ServeConfig withProviders(String chain) {
    return new ServeConfig(calendar, times, repairLookbackDays, corporateActionsLookbackDays, qualityLookbackDays,
        runOnStartup, threads, batchSize, workerName, chain, healthHost, healthPort, logFormat);
  }

  public ServeConfig withLogFormat(LogFormat format) {
    return new ServeConfig(calendar, times, repairLookbackDays, corporateActionsLookbackDays, qualityLookbackDays,
        runOnStartup, threads, batchSize, workerName, providers, healthHost, healthPort, format);
  }

  /** One line for the start-up log. */
  public String describe() {
    StringBuilder line = new StringBuilder("worker=" + workerName + " calendar=" + calendar);
    times.entrySet().stream().sorted(Map.Entry.comparingByValue())
        .forEach(e -> line.append(' ').append(e.getKey()).append('@').append(e.getValue()));
    return line + " repairLookback=" + repairLookbackDays + "d actionsLookback=" + corporateActionsLookbackDays
        + "d qualityLookback=" + qualityLookbackDays + "d runOnStartup=" + runOnStartup + " threads=" + threads
        + " batch=" + batchSize + " providers=" + providers + " health=" + healthHost + ":" + healthPort + " logs="
        + logFormat.name().toLowerCase(Locale.ROOT);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new DatahubException(name + " must be >= 1, got " + value);
    }
  }

  private static LocalTime time(HubConfig config, String name, LocalTime fallback) {
    return config.var(name).map(raw -> {
      try {
        return LocalTime.parse(raw.strip());
      } catch (DateTimeParseException e) {
        throw new DatahubException(name + " must be a time of day HH:MM, got '" + raw + "'");
      }
    }).orElse(fallback);
  }

  private static int integer(HubConfig config, String name, int fallback) {
    return config.var(name).map(raw -> {
      try {
        return Integer.parseInt(raw.strip());
      } catch (NumberFormatException e) {
        throw new DatahubException(name + " must be a whole number, got '" + raw + "'");
      }
    }).orElse(fallback);
  }

  private static boolean bool(HubConfig config, String name, boolean fallback) {
    return config.var(name).map(raw -> switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new DatahubException(name + " must be true or false, got '" + raw + "'");
    }).orElse(fallback);
  }
}
