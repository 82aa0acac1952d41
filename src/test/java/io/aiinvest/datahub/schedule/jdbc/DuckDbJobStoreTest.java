package io.aiinvest.datahub.schedule.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.schedule.InstanceLock;
import io.aiinvest.datahub.store.duckdb.DuckDbMarketStore;
import io.aiinvest.datahub.testing.Await;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * db-scheduler on the job store of an embedded DuckDB file, through {@link JobDatabase}: what its generic dialect
 * and DuckDB's optimistic concurrency would get wrong.
 */
class DuckDbJobStoreTest {
  @TempDir Path directory;

  private DuckDbMarketStore store;
  private JobDatabase database;
  private Scheduler scheduler;
  private final ListAppender<ILoggingEvent> schedulerLog = new ListAppender<>();
  private final Logger dbScheduler = (Logger) LoggerFactory.getLogger("com.github.kagkarlsson");
  /** What escapes db-scheduler's threads: a failed pick is thrown out of its executor, not logged. */
  private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
  private Thread.UncaughtExceptionHandler previousHandler;

  @BeforeEach
  void open() {
    store = DuckDbMarketStore.open(new DbTarget.DuckDb(directory.resolve("hub.duckdb")));
    database = JobDatabase.of(store);
    schedulerLog.start();
    dbScheduler.addAppender(schedulerLog);
    previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> uncaught.add(failure));
  }

  @AfterEach
  void close() {
    if (scheduler != null) {
      scheduler.stop();
    }
    dbScheduler.detachAppender(schedulerLog);
    Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    store.close();
  }

  private Scheduler scheduler(OneTimeTask<Void> task, Duration heartbeat) {
    return database.configure(Scheduler.create(database.dataSource(), task))
        .tableName("market_data.scheduled_tasks")
        .threads(4)
        .pollingInterval(Duration.ofMillis(50))
        .heartbeatInterval(heartbeat)
        // Dead only after 50 missed heartbeats (1 s at 20 ms): with the default few, a thread starved for ~100 ms on a
        // loaded 2-core machine was declared dead and its execution ran twice, which is the machine, not the store.
        .missedHeartbeatsLimit(50)
        .enableImmediateExecution()
        .build();
  }

  private long rows() throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM market_data.scheduled_tasks")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void everyExecutionRunsOnceWhenFourThreadsPickAndHeartBeatTogether() throws SQLException {
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    OneTimeTask<Void> task = Tasks.oneTime("probe").execute((instance, context) -> {
      runs.computeIfAbsent(instance.getId(), id -> new AtomicInteger()).incrementAndGet();
      // Work lasting about one heartbeat, so heartbeats meet the completions of their executions.
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    });
    // Heart-beating every 20 ms, executions dead after 1 s: a completion that failed would soon run again.
    scheduler = scheduler(task, Duration.ofMillis(20));
    scheduler.start();
    int executions = 300;
    for (int i = 0; i < executions; i++) {
      // Each due at once wakes a poll (immediate execution) beside the regular ones: polls overlap and hand the same
      // executions to several threads, which race to pick them.
      scheduler.schedule(task.instance("e" + i), Instant.now());
    }

    Await.until("every execution to run", runs::size, size -> size == executions, Duration.ofSeconds(60));
    Await.until("the job store to empty", this::rowsUnchecked, rows -> rows == 0, Duration.ofSeconds(20));

    assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isOne());
    assertThat(uncaught).extracting(Throwable::toString).isEmpty();
    assertThat(schedulerLog.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
        .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    assertThat(rows()).isZero();
  }

  private long rowsUnchecked() {
    try {
      return rows();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void executionTimesReadBackExactlyWhateverTheJvmZone() {
    TimeZone zone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
    try {
      OneTimeTask<Void> task = Tasks.oneTime("probe").execute((instance, context) -> {});
      scheduler = scheduler(task, Duration.ofSeconds(1));
      Instant slot = Instant.parse("2124-03-11T22:00:00Z");
      scheduler.schedule(task.instance("later"), slot);

      assertThat(scheduler.getScheduledExecution(TaskInstanceId.of("probe", "later")))
          .map(ScheduledExecution::getExecutionTime).contains(slot);
    } finally {
      TimeZone.setDefault(zone);
    }
  }

  private void insertExecution(String instance, Instant due, Optional<String> pickedBy) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO market_data.scheduled_tasks"
            + " (task_name, task_instance, execution_time, picked, picked_by, last_heartbeat, version)"
            + " VALUES ('job-batch', ?, ?, ?, ?, ?, 3)")) {
      insert.setString(1, instance);
      insert.setObject(2, due.atOffset(ZoneOffset.UTC));
      insert.setBoolean(3, pickedBy.isPresent());
      insert.setString(4, pickedBy.orElse(null));
      insert.setObject(5, pickedBy.isPresent() ? due.plusSeconds(1).atOffset(ZoneOffset.UTC) : null);
      insert.executeUpdate();
    }
  }

  /** Each execution as {@code instance picked picked_by last_heartbeat version execution_time}. */
  private List<String> executions() throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT task_instance, picked, picked_by, last_heartbeat, version,"
            + " execution_time FROM market_data.scheduled_tasks ORDER BY task_instance")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getBoolean(2) + " " + rs.getString(3) + " "
            + rs.getObject(4, OffsetDateTime.class) + " " + rs.getLong(5) + " "
            + rs.getObject(6, OffsetDateTime.class).toInstant());
      }
      return rows;
    }
  }

  @Test
  void theFilesLockReleasesWhatAKilledProcessLeftPickedDueWhenItWas() throws SQLException {
    Instant due = Instant.parse("2024-03-11T22:30:00Z");
    insertExecution("run-1-batch-0", due, Optional.of("worker-a"));
    insertExecution("run-1-batch-1", due, Optional.empty());

    try (InstanceLock lock = InstanceLock.acquire(store.file(), "worker-b")) {
      assertThat(database.releasePicks(lock)).containsExactly(
          new JobDatabase.ReleasedPick("job-batch", "run-1-batch-0", Optional.of("worker-a")));
      assertThat(executions()).containsExactly(
          "run-1-batch-0 false null null 4 " + due,
          "run-1-batch-1 false null null 3 " + due);
      assertThat(database.releasePicks(lock)).as("nothing left picked").isEmpty();
    }
    try (InstanceLock other = InstanceLock.acquire(directory.resolve("other.duckdb"), "worker-b")) {
      assertThatThrownBy(() -> database.releasePicks(other)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("says nothing about");
    }
  }
}
