package io.aiinvest.datahub.store.duckdb;

import io.aiinvest.datahub.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;

/**
 * Opens a DuckDB file for one {@link DuckDbMarketStore}. DuckDB lets one process hold a file open for writing (an OS
 * file lock); a second process is refused here with a message that says so. Inside one process the driver would hand
 * a second opener the same database, so this class also refuses a second store on a file that is already open: the
 * store's uniqueness guarantee rests on its writes being serialised.
 */
final class DuckDbConnector {
  private static final Pattern LOCK_HOLDER = Pattern.compile("\\(PID (\\d+)\\)");

  /** Files open in this process, canonical paths; a real process-wide resource, hence static. */
  private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

  /**
   * The WAL size at which DuckDB folds committed writes into the file. The default, 16 MiB, checkpoints every few
   * bulk writes and made them 3x slower (docs/duckdb.md); a larger WAL costs only replay time after a crash.
   */
  static final String CHECKPOINT_THRESHOLD = "1GB";

  private DuckDbConnector() {}

  /** The file's absolute path, the form every message and the open-files registry use. */
  static Path canonical(Path file) {
    return file.toAbsolutePath().normalize();
  }

  static DuckDBConnection open(Path file) {
    Path path = canonical(file);
    if (!OPEN.add(path)) {
      throw new StoreException("database file " + path + " is already open in this datahub process");
    }
    try {
      Path parent = path.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      DuckDBConnection connection =
          (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + path, new Properties());
      try (Statement settings = connection.createStatement()) {
        settings.execute("SET checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
      }
      return connection;
    } catch (IOException e) {
      OPEN.remove(path);
      throw new StoreException("cannot create the directory of database file " + path + ": " + e.getMessage(), e);
    } catch (SQLException | RuntimeException e) {
      OPEN.remove(path);
      throw e instanceof SQLException sql ? refusal(path, sql) : (RuntimeException) e;
    }
  }

  static void released(Path file) {
    OPEN.remove(canonical(file));
  }

  private static StoreException refusal(Path path, SQLException e) {
    String first = DuckDbErrors.firstLine(e);
    if (first.contains("Could not set lock on file")) {
      Matcher pid = LOCK_HOLDER.matcher(first);
      return new StoreException("database file " + path + " is in use by another datahub process"
          + (pid.find() ? " (PID " + pid.group(1) + ")" : "") + ": an embedded DuckDB file has one writer at a"
          + " time; stop that process, pass --db duckdb:OTHER_FILE, or use PostgreSQL for several workers", e);
    }
    return new StoreException("cannot open DuckDB database file " + path + ": " + first, e);
  }
}
