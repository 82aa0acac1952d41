package io.aiinvest.datahub.store.duckdb;

import io.aiinvest.datahub.store.SqlDialect;
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
import java.util.Collection;

/** DuckDB's side of the shared JDBC queries: lists matched with {@code list_contains}, java.time values throughout. */
final class DuckDbDialect implements SqlDialect {
  @Override
  public StoreException translate(SQLException e, String doing) {
    return DuckDbErrors.translate(e, doing);
  }

  @Override
  public String inArray(String column, ElementType type) {
    return "list_contains(?, " + column + ")";
  }

  @Override
  public Array array(Connection connection, ElementType type, Collection<?> values) throws SQLException {
    return connection.createArrayOf(type == ElementType.TEXT ? "VARCHAR" : type.name(), values.toArray());
  }

  @Override
  public String jsonType() {
    return "JSON";
  }

  @Override
  public void setDate(PreparedStatement statement, int index, LocalDate date) throws SQLException {
    statement.setObject(index, date);
  }

  @Override
  public LocalDate getDate(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, LocalDate.class);
  }

  @Override
  public void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
    statement.setObject(index, instant == null ? null : instant.atOffset(ZoneOffset.UTC));
  }

  @Override
  public Instant getInstant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  @Override
  public String previousBars(String barColumns) {
    // One as-of join, whatever the number of dates.
    return "SELECT asked.day, b.* FROM (SELECT unnest(?::DATE[]) AS day) asked ASOF JOIN (SELECT " + barColumns
        + " FROM market_data.bars WHERE symbol = ?) b ON asked.day > b.\"timestamp\"";
  }

  @Override
  public String barDate(boolean first) {
    return "SELECT " + (first ? "min" : "max") + "(\"timestamp\") FROM market_data.bars WHERE symbol = ?";
  }

  @Override
  public String barSpans() {
    return "SELECT symbol, min(\"timestamp\"), max(\"timestamp\") FROM market_data.bars"
        + " WHERE list_contains(?, symbol) GROUP BY symbol";
  }
}
