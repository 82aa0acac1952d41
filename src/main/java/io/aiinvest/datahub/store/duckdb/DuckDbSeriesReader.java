package io.aiinvest.datahub.store.duckdb;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.store.SeriesReader;
import io.aiinvest.datahub.store.SqlDialect;
import io.aiinvest.datahub.store.SqlDialect.ElementType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The quality scan on DuckDB: one ordered query, dates sent as day numbers and closes as doubles. */
final class DuckDbSeriesReader implements SeriesReader {
  private static final String SERIES = "SELECT symbol, \"timestamp\" - DATE '1970-01-01', CAST(close AS DOUBLE),"
      + " volume FROM market_data.bars WHERE list_contains(?, symbol) AND \"timestamp\" BETWEEN ? AND ?"
      + " ORDER BY symbol, \"timestamp\"";

  private final SqlDialect dialect;

  DuckDbSeriesReader(SqlDialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public void read(Connection c, List<String> symbols, DateRange range, Rows rows) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(SERIES)) {
      statement.setArray(1, dialect.array(c, ElementType.TEXT, symbols));
      dialect.bindRange(statement, 2, range);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1), (int) rs.getLong(2), rs.getDouble(3), rs.getLong(4));
        }
      }
    }
  }
}
