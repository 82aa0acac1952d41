package io.aiinvest.datahub.schedule.jdbc;

import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.schedule.JobCounts;
import io.aiinvest.datahub.schedule.JobHistory;
import io.aiinvest.datahub.schedule.JobRun;
import io.aiinvest.datahub.schedule.JobStatus;
import io.aiinvest.datahub.schedule.JobTrigger;
import io.aiinvest.datahub.schedule.RunPlan;
import io.aiinvest.datahub.schedule.SymbolResult;
import io.aiinvest.datahub.store.StoreException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link JobHistory} in tables {@code job_runs} and {@code job_run_items} of schema {@code market_data} (migrations
 * V41 and V42 of db/postgres and db/duckdb), on PostgreSQL and on DuckDB alike: every statement is here, with bound
 * parameters, in SQL both databases run the same way (integer division through {@code floor}, lists bound as
 * {@code VARCHAR} arrays, times as {@link OffsetDateTime} in UTC). State changes are single conditional statements,
 * so concurrent workers cannot both win one. On DuckDB the statements of one process run one at a time
 * ({@link SerialStatements}): DuckDB refuses a concurrent update of the same row where PostgreSQL waits for it.
 */
public final class JdbcJobHistory implements JobHistory {
  private static final String INSERT_RUN = "INSERT INTO market_data.job_runs (job, run_trigger, provider,"
      + " scheduled_for, session_date, started_at, status, symbols_total, then_jobs)"
      + " VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?)"
      + " ON CONFLICT (job, scheduled_for) DO NOTHING RETURNING id";

  private static final String FIND_SLOT = "SELECT id FROM market_data.job_runs WHERE job = ? AND scheduled_for = ?";

  /**
   * Batch numbers follow symbol order: batch = ⌊(position − 1) / batch size⌋ (DuckDB's {@code /} divides in floating
   * point, PostgreSQL's in integers; {@code floor} gives both the same).
   */
  private static final String INSERT_ITEMS = "INSERT INTO market_data.job_run_items (run_id, symbol, batch, status)"
      + " SELECT ?, u.symbol, CAST(floor((u.position - 1) / ?) AS INTEGER), 'pending'"
      + " FROM unnest(CAST(? AS VARCHAR[])) WITH ORDINALITY AS u(symbol, position)";

  private static final String PENDING_BATCHES = "SELECT DISTINCT batch FROM market_data.job_run_items"
      + " WHERE run_id = ? AND status = 'pending' ORDER BY batch";

  private static final String PENDING_SYMBOLS = "SELECT symbol FROM market_data.job_run_items"
      + " WHERE run_id = ? AND batch = ? AND status = 'pending' ORDER BY symbol";

  private static final String RECORD = "UPDATE market_data.job_run_items SET status = ?, worker = ?,"
      + " finished_at = ?, bars_inserted = ?, bars_updated = ?, actions_inserted = ?, actions_revised = ?,"
      + " findings = ?, error = ? WHERE run_id = ? AND symbol = ? AND status = 'pending'";

  private static final String INTERRUPTED = "UPDATE market_data.job_runs SET status = 'interrupted',"
      + " ended_at = greatest(?, started_at),"
      + " interruptions = interruptions + CASE WHEN status = 'running' THEN 1 ELSE 0 END, error = ?"
      + " WHERE id = ? AND status IN ('running', 'interrupted')";

  private static final String RESUMED = "UPDATE market_data.job_runs SET status = 'running', ended_at = NULL,"
      + " error = NULL WHERE id = ? AND status = 'interrupted'";

  /**
   * Finishes a run with nothing pending. The guard on status makes the first of two racing workers win and the
   * second update nothing; the error lists the first five failed symbols.
   */
  private static final String FINISH = "WITH totals AS ("
      + " SELECT count(*) FILTER (WHERE status = 'pending') AS pending,"
      + " count(*) FILTER (WHERE status = 'succeeded') AS ok,"
      + " count(*) FILTER (WHERE status = 'failed') AS failed,"
      + " coalesce(sum(bars_inserted), 0) AS bars_inserted, coalesce(sum(bars_updated), 0) AS bars_updated,"
      + " coalesce(sum(actions_inserted), 0) AS actions_inserted,"
      + " coalesce(sum(actions_revised), 0) AS actions_revised, coalesce(sum(findings), 0) AS findings"
      + " FROM market_data.job_run_items WHERE run_id = ?),"
      + " failures AS (SELECT string_agg(symbol || ': ' || coalesce(error, 'failed'), '; ' ORDER BY symbol) AS text"
      + " FROM (SELECT symbol, error FROM market_data.job_run_items WHERE run_id = ? AND status = 'failed'"
      + " ORDER BY symbol LIMIT 5) AS first_failures)"
      + " UPDATE market_data.job_runs AS r SET"
      + " status = CASE WHEN t.failed > 0 THEN 'failed' ELSE 'succeeded' END,"
      + " ended_at = greatest(?, r.started_at), symbols_ok = t.ok, symbols_failed = t.failed,"
      + " bars_inserted = t.bars_inserted, bars_updated = t.bars_updated, actions_inserted = t.actions_inserted,"
      + " actions_revised = t.actions_revised, findings = t.findings,"
      + " error = CASE WHEN t.failed > 0 THEN t.failed || ' of ' || r.symbols_total || ' symbols failed: '"
      + " || f.text || CASE WHEN t.failed > 5 THEN '; …' ELSE '' END END"
      + " FROM totals AS t, failures AS f"
      + " WHERE r.id = ? AND r.status IN ('running', 'interrupted') AND t.pending = 0";

  /** Counts of a run still in progress are summed from its finished symbols when read. */
  private static final String SELECT_RUNS = "SELECT r.id, r.job, r.run_trigger, r.provider, r.scheduled_for,"
      + " r.session_date,"
      + " r.started_at, r.ended_at, r.status, r.symbols_total,"
      + " CASE WHEN r.status IN ('succeeded', 'failed') THEN r.symbols_ok ELSE i.ok END AS symbols_ok,"
      + " CASE WHEN r.status IN ('succeeded', 'failed') THEN r.symbols_failed ELSE i.failed END AS symbols_failed,"
      + " CASE WHEN r.status IN ('succeeded', 'failed') THEN r.bars_inserted ELSE i.bars_inserted END"
      + " AS bars_inserted,"
      + " CASE WHEN r.status IN ('succeeded', 'failed') THEN r.bars_updated ELSE i.bars_updated END AS bars_updated,"
      + " CASE WHEN r.status IN ('succeeded', 'failed') THEN r.actions_inserted ELSE i.actions_inserted END"
      + " AS actions_inserted,"
      + " CASE WHEN r.status IN ('succeeded', 'failed') THEN r.actions_revised ELSE i.actions_revised END"
      + " AS actions_revised,"
      + " CASE WHEN r.status IN ('succeeded', 'failed') THEN r.findings ELSE i.findings END AS findings,"
      + " r.interruptions, r.then_jobs, r.error"
      + " FROM market_data.job_runs AS r CROSS JOIN LATERAL ("
      + " SELECT count(*) FILTER (WHERE status = 'succeeded') AS ok,"
      + " count(*) FILTER (WHERE status = 'failed') AS failed,"
      + " coalesce(sum(bars_inserted), 0) AS bars_inserted, coalesce(sum(bars_updated), 0) AS bars_updated,"
      + " coalesce(sum(actions_inserted), 0) AS actions_inserted,"
      + " coalesce(sum(actions_revised), 0) AS actions_revised, coalesce(sum(findings), 0) AS findings"
      + " FROM market_data.job_run_items WHERE run_id = r.id AND r.status IN ('running', 'interrupted')) AS i";

  private static final String FIND_RUN = SELECT_RUNS + " WHERE r.id = ?";

  private static final String LATEST = SELECT_RUNS + " ORDER BY r.started_at DESC, r.id DESC LIMIT ?";

  private static final String LAST_PER_JOB = SELECT_RUNS + " WHERE r.id IN (SELECT DISTINCT ON (job) id"
      + " FROM market_data.job_runs ORDER BY job, started_at DESC, id DESC) ORDER BY r.job";

  private static final String UNFINISHED = SELECT_RUNS + " WHERE r.status IN ('running', 'interrupted')"
      + " ORDER BY r.started_at, r.id";

  private final DataSource dataSource;
  private final String description;

  /** @param description where the data lives, for error messages (no password) */
  public JdbcJobHistory(DataSource dataSource, String description) {
    this.dataSource = dataSource;
    this.description = description;
  }

  @Override
  public JobRun plan(RunPlan plan, List<Symbol> symbols, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    String doing = "planning the " + plan.job() + " run for " + plan.scheduledFor();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        long id = insertRun(connection, plan, symbols.size()).orElse(-1L);
        if (id < 0) {
          id = existingRun(connection, plan);
        } else {
          insertItems(connection, id, symbols, batchSize);
        }
        connection.commit();
        long runId = id;
        return findRun(runId).orElseThrow(() -> new StoreException("run " + runId + " vanished after " + doing));
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw translate(e, doing);
    }
  }

  private static Optional<Long> insertRun(Connection connection, RunPlan plan, int symbols) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_RUN)) {
      insert.setString(1, plan.job());
      insert.setString(2, plan.trigger().label());
      insert.setString(3, plan.provider().orElse(null));
      insert.setObject(4, utc(plan.scheduledFor()));
      insert.setObject(5, plan.session());
      insert.setObject(6, utc(plan.startedAt()));
      insert.setInt(7, symbols);
      insert.setArray(8, connection.createArrayOf("varchar", plan.thenJobs().toArray()));
      try (ResultSet rs = insert.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  private static long existingRun(Connection connection, RunPlan plan) throws SQLException {
    try (PreparedStatement find = connection.prepareStatement(FIND_SLOT)) {
      find.setString(1, plan.job());
      find.setObject(2, utc(plan.scheduledFor()));
      try (ResultSet rs = find.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("no " + plan.job() + " run for " + plan.scheduledFor() + " after a conflict on it");
        }
        return rs.getLong(1);
      }
    }
  }

  private static void insertItems(Connection connection, long runId, List<Symbol> symbols, int batchSize)
      throws SQLException {
    if (symbols.isEmpty()) {
      return;
    }
    String[] sorted = symbols.stream().map(Symbol::value).sorted().distinct().toArray(String[]::new);
    try (PreparedStatement insert = connection.prepareStatement(INSERT_ITEMS)) {
      insert.setLong(1, runId);
      insert.setInt(2, batchSize);
      insert.setArray(3, connection.createArrayOf("varchar", sorted));
      insert.executeUpdate();
    }
  }

  @Override
  public List<Integer> pendingBatches(long runId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(PENDING_BATCHES)) {
      select.setLong(1, runId);
      List<Integer> batches = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          batches.add(rs.getInt(1));
        }
      }
      return batches;
    } catch (SQLException e) {
      throw translate(e, "listing the pending batches of run " + runId);
    }
  }

  @Override
  public List<Symbol> pendingSymbols(long runId, int batch) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(PENDING_SYMBOLS)) {
      select.setLong(1, runId);
      select.setInt(2, batch);
      List<Symbol> symbols = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          symbols.add(new Symbol(rs.getString(1)));
        }
      }
      return symbols;
    } catch (SQLException e) {
      throw translate(e, "listing the pending symbols of run " + runId + " batch " + batch);
    }
  }

  @Override
  public boolean record(long runId, SymbolResult result, String worker, Instant at) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(RECORD)) {
      update.setString(1, result.succeeded() ? "succeeded" : "failed");
      update.setString(2, worker);
      update.setObject(3, utc(at));
      update.setLong(4, result.barsInserted());
      update.setLong(5, result.barsUpdated());
      update.setLong(6, result.actionsInserted());
      update.setLong(7, result.actionsRevised());
      update.setLong(8, result.findings());
      update.setString(9, result.error().orElse(null));
      update.setLong(10, runId);
      update.setString(11, result.symbol().value());
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw translate(e, "recording " + result.symbol() + " of run " + runId);
    }
  }

  @Override
  public void interrupted(long runId, String reason, Instant at) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(INTERRUPTED)) {
      update.setObject(1, utc(at));
      update.setString(2, reason);
      update.setLong(3, runId);
      update.executeUpdate();
    } catch (SQLException e) {
      throw translate(e, "marking run " + runId + " interrupted");
    }
  }

  @Override
  public void resumed(long runId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(RESUMED)) {
      update.setLong(1, runId);
      update.executeUpdate();
    } catch (SQLException e) {
      throw translate(e, "marking run " + runId + " resumed");
    }
  }

  @Override
  public Optional<JobRun> finishIfDone(long runId, Instant at) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(FINISH)) {
      update.setLong(1, runId);
      update.setLong(2, runId);
      update.setObject(3, utc(at));
      update.setLong(4, runId);
      update.executeUpdate();
    } catch (SQLException e) {
      throw translate(e, "finishing run " + runId);
    }
    return findRun(runId).filter(JobRun::finished);
  }

  @Override
  public Optional<JobRun> findRun(long runId) {
    List<JobRun> runs = query(FIND_RUN, "reading run " + runId, statement -> statement.setLong(1, runId));
    return runs.stream().findFirst();
  }

  @Override
  public List<JobRun> unfinished() {
    return query(UNFINISHED, "reading the unfinished job runs", statement -> {});
  }

  @Override
  public List<JobRun> latest(int limit) {
    return query(LATEST, "reading the latest " + limit + " job runs", statement -> statement.setInt(1, limit));
  }

  @Override
  public List<JobRun> lastRunPerJob() {
    return query(LAST_PER_JOB, "reading the last run of each job", statement -> {});
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private List<JobRun> query(String sql, String doing, Binder binder) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      binder.bind(select);
      List<JobRun> runs = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          runs.add(run(rs));
        }
      }
      return runs;
    } catch (SQLException e) {
      throw translate(e, doing);
    }
  }

  private static JobRun run(ResultSet rs) throws SQLException {
    Array then = rs.getArray("then_jobs");
    return new JobRun(
        rs.getLong("id"),
        rs.getString("job"),
        JobTrigger.fromLabel(rs.getString("run_trigger")),
        Optional.ofNullable(rs.getString("provider")),
        instant(rs, "scheduled_for").orElseThrow(),
        rs.getObject("session_date", LocalDate.class),
        instant(rs, "started_at").orElseThrow(),
        instant(rs, "ended_at"),
        JobStatus.fromLabel(rs.getString("status")),
        rs.getInt("symbols_total"),
        new JobCounts(rs.getLong("symbols_ok"), rs.getLong("symbols_failed"), rs.getLong("bars_inserted"),
            rs.getLong("bars_updated"), rs.getLong("actions_inserted"), rs.getLong("actions_revised"),
            rs.getLong("findings")),
        rs.getInt("interruptions"),
        then == null ? List.of() : Arrays.stream((Object[]) then.getArray()).map(String::valueOf).toList(),
        Optional.ofNullable(rs.getString("error")));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** Read as an offset time: DuckDB's driver ignores the calendar of {@code getTimestamp}, shifting by the JVM's zone. */
  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
  }

  private StoreException translate(SQLException e, String doing) {
    String state = e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
    String first = e.getMessage() == null
        ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    return new StoreException("database error while " + doing + " in " + description + state + ": " + first, e);
  }
}
