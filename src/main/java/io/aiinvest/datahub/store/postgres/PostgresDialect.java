package io.aiinvest.datahub.store.postgres;

import io.aiinvest.datahub.store.SqlDialect;
import io.aiinvest.datahub.store.StoreException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Locale;

/** PostgreSQL's side of the shared JDBC queries: typed arrays matched with {@code = ANY}, java.sql dates and times. */
final class PostgresDialect implements SqlDialect {
  @Override
  public StoreException translate(SQLException e, String doing) {
    return PostgresErrors.translate(e, doing);
  }

  @Override
  public String inArray(String column, ElementType type) {
    return column + " = ANY(?::" + typeName(type) + "[])";
  }

  @Override
  public Array array(Connection connection, ElementType type, Collection<?> values) throws SQLException {
    Object[] elements = type == ElementType.DATE
        ? values.stream().map(d -> Date.valueOf((LocalDate) d)).toArray()
        : values.toArray();
    return connection.createArrayOf(typeName(type), elements);
  }

  private static String typeName(ElementType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String jsonType() {
    return "JSONB";
  }

  @Override
  public void setDate(PreparedStatement statement, int index, LocalDate date) throws SQLException {
    if (date == null) {
      statement.setNull(index, Types.DATE);
    } else {
      statement.setDate(index, Date.valueOf(date));
    }
  }

  @Override
  public LocalDate getDate(ResultSet rs, int column) throws SQLException {
    Date date = rs.getDate(column);
    return date == null ? null : date.toLocalDate();
  }

  @Override
  public void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
    statement.setTimestamp(index, instant == null ? null : Timestamp.from(instant));
  }

  @Override
  public Instant getInstant(ResultSet rs, int column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  @Override
  public String previousBars(String barColumns) {
    // One index probe per date: the latest bar strictly before it, whatever partition it lies in.
    return "SELECT asked.day, b.* FROM unnest(?::date[]) AS asked(day) CROSS JOIN LATERAL (SELECT " + barColumns
        + " FROM market_data.bars WHERE symbol = ? AND \"timestamp\" < asked.day ORDER BY \"timestamp\" DESC LIMIT 1)"
        + " b";
  }

  @Override
  public String barDate(boolean first) {
    return "SELECT \"timestamp\" FROM market_data.bars WHERE symbol = ? ORDER BY \"timestamp\" "
        + (first ? "ASC" : "DESC") + " LIMIT 1";
  }

  @Override
  public String barSpans() {
    // Two index probes per symbol (a min and a max over the primary key), not a scan of its history.
    return "SELECT s.symbol,"
        + " (SELECT min(b.\"timestamp\") FROM market_data.bars b WHERE b.symbol = s.symbol),"
        + " (SELECT max(b.\"timestamp\") FROM market_data.bars b WHERE b.symbol = s.symbol)"
        + " FROM unnest(?::text[]) AS s(symbol)";
  }
}
