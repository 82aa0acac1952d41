package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.DateRange;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;

/**
 * What the shared JDBC code of the stores ({@link JdbcQueries}, {@link JdbcQualityQueries}, {@link
 * JdbcRepairAttempts}) needs to know about one database: the SQL it spells differently, how its driver binds lists,
 * dates and instants, and how its errors read. One implementation beside each store.
 */
public interface SqlDialect {
  /** Bound for an open start of a date range; the bars CHECK constraint enforces the same bounds. */
  LocalDate MIN_DATE = LocalDate.of(1900, 1, 1);

  /** Bound for an open end of a date range. */
  LocalDate MAX_DATE = LocalDate.of(2100, 12, 31);

  /** The element types of the arrays the shared statements bind. */
  enum ElementType {
    TEXT,
    BIGINT,
    DATE
  }

  /** The store's exception for a driver error, saying what was being done. */
  StoreException translate(SQLException e, String doing);

  /** A predicate, with one parameter, that {@code column} is an element of the array bound to it. */
  String inArray(String column, ElementType type);

  /** An array to bind, from {@code String}, {@code Long} or {@code LocalDate} values. */
  Array array(Connection connection, ElementType type, Collection<?> values) throws SQLException;

  /** The type a JSON text parameter is cast to for a JSON column. */
  String jsonType();

  /** Binds a date, or SQL NULL when it is null. */
  void setDate(PreparedStatement statement, int index, LocalDate date) throws SQLException;

  /** A date column's value, null for SQL NULL. */
  LocalDate getDate(ResultSet rs, int column) throws SQLException;

  /** Binds an instant into a TIMESTAMPTZ, or SQL NULL when it is null. */
  void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException;

  /** A TIMESTAMPTZ column's value, null for SQL NULL. */
  Instant getInstant(ResultSet rs, int column) throws SQLException;

  /**
   * For each date of the array bound to the first parameter, that date and the columns {@code barColumns} of the
   * latest bar strictly before it of the symbol bound to the second; dates without an earlier bar give no row.
   */
  String previousBars(String barColumns);

  /** The first (or last) bar date of the symbol bound to the one parameter; no row or NULL when it has none. */
  String barDate(boolean first);

  /**
   * Symbol, first and last bar date of each symbol in the array bound to the one parameter; a symbol without bars
   * gives no row or NULL dates.
   */
  String barSpans();

  /** Binds a range as two dates from {@code first} on, an open end as {@link #MIN_DATE} or {@link #MAX_DATE}. */
  default void bindRange(PreparedStatement statement, int first, DateRange range) throws SQLException {
    setDate(statement, first, range.from().orElse(MIN_DATE));
    setDate(statement, first + 1, range.to().orElse(MAX_DATE));
  }
}
