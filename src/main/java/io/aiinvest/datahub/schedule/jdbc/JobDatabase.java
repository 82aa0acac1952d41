package io.aiinvest.datahub.schedule.jdbc;

import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.schedule.JobHistory;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.duckdb.DuckDbMarketStore;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import java.nio.file.Path;
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

  /** Sets the database's dialect and polling strategy on the worker's scheduler. */
  public SchedulerBuilder configure(SchedulerBuilder builder) {
    if (embeddedFile.isPresent()) {
      // One worker polls the file; every poll fetches the due executions and picks each as it starts it.
      return builder.jdbcCustomization(new DuckDbJdbcCustomization()).pollUsingFetchAndLockOnExecute(0.5, 3.0);
    }
    return builder.pollUsingLockAndFetch(0.5, 1.0);
  }
}
