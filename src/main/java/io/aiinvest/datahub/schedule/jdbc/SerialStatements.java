package io.aiinvest.datahub.schedule.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Connections to an embedded DuckDB database whose statements run one at a time in this process, for the worker's job
 * store and history.
 *
 * <p>DuckDB's concurrency control is optimistic: when two transactions update the same row, the second fails at once
 * with "TransactionContext Error: Conflict on update!", where PostgreSQL makes it wait for the first and then
 * re-checks its {@code WHERE}. db-scheduler and the job history rely on the PostgreSQL behaviour: a pick is an
 * {@code UPDATE … WHERE version = ?} that must update nothing, not fail, when another thread has just picked the same
 * execution, and a heartbeat may meet the completion of its execution. Measured on DuckDB 1.5.6 with 400 executions
 * of 20 ms, four threads and a 20 ms heartbeat: 28 to 41 failed picks without this class, none with it
 * ({@code DuckDbJobStoreTest} fails without it). The job store's statements
 * are single-row autocommit statements taking microseconds, and only one process can open the file, so running them
 * one at a time gives PostgreSQL's outcome at no measurable cost. Market data is written on other connections, to
 * other tables, and is not held up.
 */
final class SerialStatements {
  /** One lock per database file: every job-store and history statement of the process on that file takes it. */
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  /** What runs SQL or ends a transaction, on a connection or a statement. */
  private static final Set<String> EXECUTING = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
      "executeBatch", "executeLargeBatch", "commit", "rollback");

  private SerialStatements() {}

  /** The data source's connections, their statements run one at a time with all others on the same file. */
  static DataSource around(DataSource target, Path databaseFile) {
    ReentrantLock lock = LOCKS.computeIfAbsent(databaseFile.toAbsolutePath().normalize(), file -> new ReentrantLock());
    return wrap(DataSource.class, target, (proxy, method, args) -> {
      Object result = invoke(target, method, args);
      return result instanceof Connection connection ? connection(connection, lock) : result;
    });
  }

  private static Connection connection(Connection connection, ReentrantLock lock) {
    return wrap(Connection.class, connection, (proxy, method, args) -> {
      Object result = serialised(lock, connection, method, args);
      if (result instanceof PreparedStatement statement) {
        return wrap(PreparedStatement.class, statement, (p, m, a) -> serialised(lock, statement, m, a));
      }
      if (result instanceof Statement statement) {
        return wrap(Statement.class, statement, (p, m, a) -> serialised(lock, statement, m, a));
      }
      return result;
    });
  }

  /** Calls the method, holding the lock when it runs SQL or ends a transaction. */
  private static Object serialised(ReentrantLock lock, Object target, Method method, Object[] args) throws Throwable {
    if (!EXECUTING.contains(method.getName())) {
      return invoke(target, method, args);
    }
    lock.lock();
    try {
      return invoke(target, method, args);
    } finally {
      lock.unlock();
    }
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static <T> T wrap(Class<T> type, T target, InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(SerialStatements.class.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
