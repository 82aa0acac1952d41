package io.aiinvest.datahub.store.duckdb;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.RepairAttempt;
import io.aiinvest.datahub.domain.Symbol;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The SQL of table {@code market_data.repair_attempts} on DuckDB. */
final class DuckDbRepairAttempts {
  private static final String COLUMNS =
      "symbol, session_date, attempts, first_attempt_at, last_attempt_at, last_provider, last_outcome";

  // The count goes up in the database, not from a value read earlier, as in the PostgreSQL store.
  private static final String RECORD = "INSERT INTO market_data.repair_attempts (" + COLUMNS + ")"
      + " SELECT ?, d, 1, ?, ?, ?, ? FROM (SELECT unnest(?::DATE[]) AS d)"
      + " ON CONFLICT (symbol, session_date) DO UPDATE SET attempts = repair_attempts.attempts + 1,"
      + " last_attempt_at = GREATEST(repair_attempts.last_attempt_at, EXCLUDED.last_attempt_at),"
      + " last_provider = EXCLUDED.last_provider, last_outcome = EXCLUDED.last_outcome"
      + " RETURNING " + COLUMNS;

  private DuckDbRepairAttempts() {}

  static List<RepairAttempt> find(Connection c, Symbol symbol, DateRange range) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement("SELECT " + COLUMNS + " FROM market_data.repair_attempts"
        + " WHERE symbol = ? AND session_date BETWEEN ? AND ? ORDER BY session_date")) {
      statement.setString(1, symbol.value());
      DuckDbQueries.bindRange(statement, 2, range);
      try (ResultSet rs = statement.executeQuery()) {
        return read(rs);
      }
    }
  }

  /** Counts one more attempt per session; the caller holds the symbol's lock, so no other writer counts it too. */
  static List<RepairAttempt> record(Connection c, Symbol symbol, Collection<LocalDate> sessions, ProviderId provider,
      String outcome, Instant attemptedAt) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(RECORD)) {
      statement.setString(1, symbol.value());
      statement.setObject(2, DuckDbQueries.utc(attemptedAt));
      statement.setObject(3, DuckDbQueries.utc(attemptedAt));
      statement.setString(4, provider.value());
      statement.setString(5, outcome);
      statement.setArray(6, c.createArrayOf("DATE", sessions.stream().distinct().toArray()));
      try (ResultSet rs = statement.executeQuery()) {
        List<RepairAttempt> result = read(rs);
        result.sort(Comparator.comparing(RepairAttempt::session));
        return result;
      }
    }
  }

  private static List<RepairAttempt> read(ResultSet rs) throws SQLException {
    List<RepairAttempt> result = new ArrayList<>();
    while (rs.next()) {
      result.add(new RepairAttempt(
          new Symbol(rs.getString(1)),
          rs.getObject(2, LocalDate.class),
          rs.getInt(3),
          DuckDbQueries.instant(rs, 4).orElseThrow(),
          DuckDbQueries.instant(rs, 5).orElseThrow(),
          new ProviderId(rs.getString(6)),
          rs.getString(7)));
    }
    return result;
  }
}
