package io.aiinvest.datahub.config;

import io.aiinvest.datahub.domain.DatahubException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the hub is configured with, built and validated once at start from flags and the environment, then
 * passed by constructor. Names follow the original service ({@code POSTGRES_URL}, {@code DB_POOL_SIZE}, …).
 *
 * @param logLevel {@code LOG_LEVEL}, upper case, when set; otherwise each command logs at its own default
 *     ({@link #DEFAULT_LOG_LEVEL}, or warnings only for a command that prints its own summary, such as the demo)
 * @param env the environment snapshot the config was built from, for sections that parse their own variables
 *     (providers, scheduler); nothing else reads {@code System.getenv}
 */
public record HubConfig(
    DbTarget db,
    int poolSize,
    int maxOverflow,
    Duration poolTimeout,
    Optional<String> logLevel,
    Path home,
    Map<String, String> env) {

  public static final int DEFAULT_POOL_SIZE = 20;
  public static final int DEFAULT_MAX_OVERFLOW = 10;
  public static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(30);
  public static final String DEFAULT_LOG_LEVEL = "INFO";

  public HubConfig {
    Objects.requireNonNull(logLevel, "logLevel");
    env = Map.copyOf(env);
    if (poolSize < 1) {
      throw new DatahubException("DB_POOL_SIZE must be >= 1, got " + poolSize);
    }
    if (maxOverflow < 0) {
      throw new DatahubException("DB_MAX_OVERFLOW must be >= 0, got " + maxOverflow);
    }
    if (poolTimeout.isNegative() || poolTimeout.isZero()) {
      throw new DatahubException("DB_POOL_TIMEOUT must be > 0 seconds");
    }
  }

  /** The level the hub logs at: {@code LOG_LEVEL} when set, otherwise the command's default. */
  public String logLevelOr(String commandDefault) {
    return logLevel.orElse(commandDefault);
  }

  /** The pool's maximum number of connections: size plus overflow, as in the original's SQLAlchemy pool. */
  public int maxPoolSize() {
    return poolSize + maxOverflow;
  }

  /**
   * Builds the configuration.
   *
   * @param dbFlag the {@code --db} flag, which overrides {@code POSTGRES_URL}
   */
  public static HubConfig from(Map<String, String> env, Optional<String> dbFlag) {
    Path home = Optional.ofNullable(env.get("DATAHUB_HOME"))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .orElseGet(() -> Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".datahub"));
    Optional<String> url = dbFlag.filter(s -> !s.isBlank())
        .or(() -> Optional.ofNullable(env.get("POSTGRES_URL")).filter(s -> !s.isBlank()));
    DbTarget db = url.map(DbTarget::parse).orElseGet(() -> defaultTarget(home));
    return new HubConfig(
        db,
        intVar(env, "DB_POOL_SIZE", DEFAULT_POOL_SIZE),
        intVar(env, "DB_MAX_OVERFLOW", DEFAULT_MAX_OVERFLOW),
        Duration.ofSeconds(intVar(env, "DB_POOL_TIMEOUT", (int) DEFAULT_POOL_TIMEOUT.getSeconds())),
        Optional.ofNullable(env.get("LOG_LEVEL")).filter(s -> !s.isBlank()).map(s -> s.strip().toUpperCase(Locale.ROOT)),
        home,
        env);
  }

  /** The embedded DuckDB file used when neither {@code --db} nor {@code POSTGRES_URL} names a database. */
  public static final String DEFAULT_DUCKDB_FILE = "datahub.duckdb";

  /** Without a URL the hub keeps its data in an embedded DuckDB file under its home directory. */
  private static DbTarget defaultTarget(Path home) {
    return new DbTarget.DuckDb(home.resolve(DEFAULT_DUCKDB_FILE));
  }

  /** An environment variable as text, empty when unset or blank. */
  public Optional<String> var(String name) {
    return Optional.ofNullable(env.get(name)).filter(s -> !s.isBlank());
  }

  private static int intVar(Map<String, String> env, String name, int fallback) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new DatahubException(name + " must be a whole number, got '" + raw + "'");
    }
  }

  /** One line for the start-up log, with secrets masked. */
  public String describe() {
    return "db=" + db.describe() + " pool=" + poolSize + "+" + maxOverflow + " poolTimeout=" + poolTimeout.getSeconds()
        + "s logLevel=" + logLevel.orElse("default") + " home=" + home;
  }

  @Override
  public String toString() {
    return describe();
  }
}
