package io.aiinvest.datahub.store.postgres;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.RepairAttempt;
import io.aiinvest.datahub.domain.Symbol;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/** The SQL of table {@code market_data.repair_attempts}. */
final class PostgresRepairAttempts {
  private static final String COLUMNS =
      "symbol, session_date, attempts, first_attempt_at, last_attempt_at, last_provider, last_outcome";

  // The count goes up in the database, not from a value read earlier, so two workers repairing the same symbol
  // both count.
  private static final String RECORD = "INSERT INTO market_data.repair_attempts (" + COLUMNS + ")"
      + " SELECT ?, d, 1, ?, ?, ?, ? FROM unnest(?::date[]) AS d"
      + " ON CONFLICT (symbol, session_date) DO UPDATE SET attempts = repair_attempts.attempts + 1,"
      + " last_attempt_at = GREATEST(repair_attempts.last_attempt_at, EXCLUDED.last_attempt_at),"
      + " last_provider = EXCLUDED.last_provider, last_outcome = EXCLUDED.last_outcome"
      + " RETURNING " + COLUMNS;

  private final DataSource dataSource;
  private final String description;

  PostgresRepairAttempts(DataSource dataSource, String description) {
    this.dataSource = dataSource;
    this.description = description;
  }

  List<RepairAttempt> find(Symbol symbol, DateRange range) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement("SELECT " + COLUMNS + " FROM market_data.repair_attempts"
            + " WHERE symbol = ? AND session_date BETWEEN ? AND ? ORDER BY session_date")) {
      statement.setString(1, symbol.value());
      PostgresQueries.bindRange(statement, 2, range);
      try (ResultSet rs = statement.executeQuery()) {
        return read(rs);
      }
    } catch (SQLException e) {
      throw PostgresErrors.translate(e, "reading repair attempts of " + symbol + " in " + description);
    }
  }

  List<RepairAttempt> record(
      Symbol symbol, Collection<LocalDate> sessions, ProviderId provider, String outcome, Instant attemptedAt) {
    if (sessions.isEmpty()) {
      return List.of();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(RECORD)) {
      Timestamp at = Timestamp.from(attemptedAt);
      statement.setString(1, symbol.value());
      statement.setTimestamp(2, at);
      statement.setTimestamp(3, at);
      statement.setString(4, provider.value());
      statement.setString(5, outcome);
      statement.setArray(6, c.createArrayOf("date", sessions.stream().distinct().map(Date::valueOf).toArray()));
      try (ResultSet rs = statement.executeQuery()) {
        List<RepairAttempt> result = read(rs);
        result.sort((a, b) -> a.session().compareTo(b.session()));
        return result;
      }
    } catch (SQLException e) {
      throw PostgresErrors.translate(e, "recording repair attempts of " + symbol + " in " + description);
    }
  }

  private static List<RepairAttempt> read(ResultSet rs) throws SQLException {
    List<RepairAttempt> result = new ArrayList<>();
    while (rs.next()) {
      result.add(new RepairAttempt(
          new Symbol(rs.getString(1)),
          rs.getDate(2).toLocalDate(),
          rs.getInt(3),
          rs.getTimestamp(4).toInstant(),
          rs.getTimestamp(5).toInstant(),
          new ProviderId(rs.getString(6)),
          rs.getString(7)));
    }
    return result;
  }
}
