package io.aiinvest.datahub.store.duckdb;

import io.aiinvest.datahub.domain.Symbol;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/**
 * A connection kept for writes, so a write does not open one. The store pools them: one write at a time uses a session,
 * and a session whose write failed is closed, not reused.
 */
final class WriterSession implements AutoCloseable {
  private final DuckDBConnection connection;
  private final DuckDbBarWriter bars;

  WriterSession(DuckDBConnection connection) {
    this.connection = connection;
    this.bars = new DuckDbBarWriter(connection);
  }

  DuckDBConnection connection() {
    return connection;
  }

  DuckDbBarWriter bars() {
    return bars;
  }

  /**
   * The registered symbols among the given ones, read inside the session's current transaction. Not kept prepared
   * across writes: DuckDB folds table statistics into a plan, so a plan made while symbol_map was empty could go on
   * finding nothing.
   */
  Set<Symbol> registered(Collection<Symbol> symbols) throws SQLException {
    try (PreparedStatement registered = connection.prepareStatement(
        "SELECT symbol FROM market_data.symbol_map WHERE list_contains(?, symbol)")) {
      registered.setArray(1, connection.createArrayOf("VARCHAR", symbols.stream().map(Symbol::value).toArray()));
      Set<Symbol> result = new HashSet<>();
      try (ResultSet rs = registered.executeQuery()) {
        while (rs.next()) {
          result.add(new Symbol(rs.getString(1)));
        }
      }
      return result;
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
