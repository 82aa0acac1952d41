package io.aiinvest.datahub.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One store's database as the shared JDBC code uses it: each unit of work on a connection of its own, and every
 * failure worded once, with what was being done and in which database.
 */
public final class JdbcDatabase {
  /** Opens a connection the caller closes: from a pool, or a duplicate of an embedded database's connection. */
  @FunctionalInterface
  public interface Connections {
    Connection open() throws SQLException;
  }

  /** A unit of work on one connection; IOException for work that streams, such as PostgreSQL's COPY. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException, IOException;
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final Connections connections;
  private final SqlDialect dialect;
  private final String description;

  public JdbcDatabase(Connections connections, SqlDialect dialect, String description) {
    this.connections = connections;
    this.dialect = dialect;
    this.description = description;
  }

  SqlDialect dialect() {
    return dialect;
  }

  <T> T run(String doing, Work<T> work) {
    try (Connection connection = connections.open()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw dialect.translate(e, doing + " in " + description);
    } catch (IOException e) {
      throw new StoreException(doing + " in " + description + ": " + e.getMessage(), e);
    }
  }

  /** As {@link #run}, committed only when the whole work succeeds. */
  <T> T inTransaction(String doing, Work<T> work) {
    return run(doing, connection -> {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | IOException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    });
  }

  /** Every row the statement returns, mapped in order. */
  static <T> List<T> list(PreparedStatement statement, Row<T> row) throws SQLException {
    List<T> result = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        result.add(row.map(rs));
      }
    }
    return result;
  }
}
