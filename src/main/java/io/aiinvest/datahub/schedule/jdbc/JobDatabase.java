package io.aiinvest.datahub.schedule.jdbc;

import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.schedule.InstanceLock;
import io.aiinvest.datahub.schedule.JobHistory;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.StoreException;
import io.aiinvest.datahub.store.duckdb.DuckDbMarketStore;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where the worker keeps its job store (db-scheduler's {@code scheduled_tasks}) and its job history: the market
 * store's own database, PostgreSQL or an embedded DuckDB file. The tables and the history's statements are the same on
 * both; what differs is said here once:
 *
 * <ul>
 *   <li>PostgreSQL is shared by any number of workers, which pick executions with {@code SELECT … FOR UPDATE SKIP
 *       LOCKED} (db-scheduler's lock-and-fetch polling, its PostgreSQL dialect detected);
 *   <li>a DuckDB file is opened by one process, so it has one worker ({@code serve} holds an
 *       {@link io.aiinvest.datahub.schedule.InstanceLock} on it), which picks with an optimistic
 *       {@code UPDATE … WHERE version = ?} through {@link DuckDbJdbcCustomization}, its statements run one at a time
 *       by {@link SerialStatements}.
 * </ul>
 */
public final class JobDatabase {
  /** db-scheduler's table of executions, due or picked (migration V40). */
  public static final String TASK_TABLE = "market_data.scheduled_tasks";

  private static final String PICKED = "SELECT task_name, task_instance, picked_by FROM " + TASK_TABLE
      + " WHERE picked ORDER BY task_name, task_instance";

  /**
   * Makes every picked execution due again for whoever polls next, as db-scheduler's dead-execution handling would
   * once the holder's heartbeat is old enough: unpicked, its heartbeat cleared, its version moved on. Its execution
   * time stays: a batch or a plan was due when it was picked, and a daily slot picked for planning is planned again
   * for the same slot (keyed, so once).
   */
  private static final String RELEASE_PICKS = "UPDATE " + TASK_TABLE + " SET picked = false, picked_by = NULL,"
      + " last_heartbeat = NULL, version = version + 1 WHERE picked";

  private final DataSource dataSource;
  private final String description;
  private final Optional<Path> embeddedFile;
  private final JobHistory history;

  private JobDatabase(DataSource dataSource, String description, Optional<Path> embeddedFile) {
    this.dataSource = dataSource;
    this.description = description;
    this.embeddedFile = embeddedFile;
    this.history = new JdbcJobHistory(dataSource, description);
  }

  /** The job store and history in the store's database. */
  public static JobDatabase of(MarketStore store) {
    if (store instanceof PostgresMarketStore postgres) {
      return new JobDatabase(postgres.dataSource(), store.describe(), Optional.empty());
    }
    if (store instanceof DuckDbMarketStore duckDb) {
      return new JobDatabase(SerialStatements.around(duckDb.dataSource(), duckDb.file()), store.describe(),
          Optional.of(duckDb.file()));
    }
    throw new DatahubException("the worker has no job store in " + store.describe());
  }

  /** Connections for the job store, the history and the health probe. */
  public DataSource dataSource() {
    return dataSource;
  }

  public JobHistory history() {
    return history;
  }

  /** Where the tables live, without a password. */
  public String describe() {
    return description;
  }

  /** The embedded database file, which one worker alone may use; empty for PostgreSQL. */
  public Optional<Path> embeddedFile() {
    return embeddedFile;
  }

  /**
   * An execution that was picked when {@link #releasePicks} released it.
   *
   * @param pickedBy the worker that had picked it, as db-scheduler recorded it
   */
  public record ReleasedPick(String taskName, String taskInstance, Optional<String> pickedBy) {
    public ReleasedPick {
      Objects.requireNonNull(taskName, "taskName");
      Objects.requireNonNull(taskInstance, "taskInstance");
      Objects.requireNonNull(pickedBy, "pickedBy");
    }
  }

  /**
   * Releases every execution left picked in the embedded file's job store, due at once for the next poll. Only the
   * file's one worker may call this, before its scheduler starts: the lock on the file proves that no other process
   * works on it, so every pick belongs to a process that ended without giving it back (killed, or the machine
   * stopped), which db-scheduler would otherwise take for alive until its heartbeat is
   * {@code missedHeartbeats × heartbeatInterval} old. PostgreSQL has no such call: other workers may be alive there,
   * and db-scheduler's dead-worker detection decides.
   *
   * @param lock the lock of this database's file, held by this process
   * @return what was released, by task and instance
   */
  public List<ReleasedPick> releasePicks(InstanceLock lock) {
    Path file = embeddedFile.orElseThrow(() -> new IllegalStateException(
        "picks are released on an embedded file only; " + description + " is shared by workers"));
    if (!file.toAbsolutePath().normalize().equals(lock.databaseFile().toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("the lock of " + lock.databaseFile() + " says nothing about " + file);
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement select = connection.prepareStatement(PICKED);
          PreparedStatement release = connection.prepareStatement(RELEASE_PICKS)) {
        List<ReleasedPick> released = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            released.add(new ReleasedPick(rs.getString("task_name"), rs.getString("task_instance"),
                Optional.ofNullable(rs.getString("picked_by"))));
          }
        }
        release.executeUpdate();
        connection.commit();
        return released;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("database error while releasing the executions left picked in " + description + ": "
          + e.getMessage(), e);
    }
  }

  /** Sets the database's dialect and polling strategy on the worker's scheduler. */
  public SchedulerBuilder configure(SchedulerBuilder builder) {
    if (embeddedFile.isPresent()) {
      // One worker polls the file; every poll fetches the due executions and picks each as it starts it.
      return builder.jdbcCustomization(new DuckDbJdbcCustomization()).pollUsingFetchAndLockOnExecute(0.5, 3.0);
    }
    return builder.pollUsingLockAndFetch(0.5, 1.0);
  }
}
