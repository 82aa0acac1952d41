package io.aiinvest.datahub.schedule.jdbc;

import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import java.sql.Blob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * db-scheduler's dialect for DuckDB, which it does not detect (its generic one is used for unknown databases). Two of
 * the generic one's calls do not work with DuckDB's JDBC driver (1.5.6):
 *
 * <ul>
 *   <li>task data: {@code ResultSet.getBytes} throws {@code SQLFeatureNotSupportedException}; the BLOB is read whole;
 *   <li>times: {@code getTimestamp(column, UTC calendar)} ignores the calendar and reads a {@code TIMESTAMPTZ} in the
 *       JVM's zone, so every execution time would move by the zone's offset (four hours in New York); times are
 *       written and read as {@link OffsetDateTime} in UTC instead.
 * </ul>
 *
 * DuckDB has no {@code SELECT … FOR UPDATE SKIP LOCKED}, so the worker polls with db-scheduler's fetch-and-lock-on-
 * execute strategy (pick by an optimistic {@code UPDATE … WHERE version = ?}), which this dialect leaves as it is.
 */
final class DuckDbJdbcCustomization extends DefaultJdbcCustomization {

  DuckDbJdbcCustomization() {
    super(true);
  }

  @Override
  public String getName() {
    return "DuckDB";
  }

  @Override
  public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
    statement.setObject(index, value == null ? null : value.atOffset(ZoneOffset.UTC));
  }

  @Override
  public Instant getInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  @Override
  public byte[] getTaskData(ResultSet rs, String column) throws SQLException {
    Blob blob = rs.getBlob(column);
    return blob == null ? null : blob.getBytes(1, Math.toIntExact(blob.length()));
  }
}
