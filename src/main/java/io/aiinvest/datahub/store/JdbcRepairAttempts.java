package io.aiinvest.datahub.store;

import static io.aiinvest.datahub.store.JdbcDatabase.list;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.RepairAttempt;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.SqlDialect.ElementType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The SQL of table {@code market_data.repair_attempts}, for the JDBC stores. */
public final class JdbcRepairAttempts {
  private static final String COLUMNS =
      "symbol, session_date, attempts, first_attempt_at, last_attempt_at, last_provider, last_outcome";

  // The count goes up in the database, not from a value read earlier, so two workers repairing the same symbol
  // both count.
  private static final String RECORD = "INSERT INTO market_data.repair_attempts (" + COLUMNS + ")"
      + " SELECT ?, d, 1, ?, ?, ?, ? FROM (SELECT unnest(CAST(? AS DATE[])) AS d) AS sessions"
      + " ON CONFLICT (symbol, session_date) DO UPDATE SET attempts = repair_attempts.attempts + 1,"
      + " last_attempt_at = GREATEST(repair_attempts.last_attempt_at, EXCLUDED.last_attempt_at),"
      + " last_provider = EXCLUDED.last_provider, last_outcome = EXCLUDED.last_outcome"
      + " RETURNING " + COLUMNS;

  private final JdbcDatabase db;
  private final SqlDialect dialect;

  public JdbcRepairAttempts(JdbcDatabase db) {
    this.db = db;
    this.dialect = db.dialect();
  }

  public List<RepairAttempt> find(Symbol symbol, DateRange range) {
    return db.run("reading repair attempts of " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT " + COLUMNS + " FROM market_data.repair_attempts"
          + " WHERE symbol = ? AND session_date BETWEEN ? AND ? ORDER BY session_date")) {
        statement.setString(1, symbol.value());
        dialect.bindRange(statement, 2, range);
        return list(statement, this::attempt);
      }
    });
  }

  /** Counts one more attempt per session; returns the sessions' counts in date order. */
  public List<RepairAttempt> record(
      Symbol symbol, Collection<LocalDate> sessions, ProviderId provider, String outcome, Instant attemptedAt) {
    if (sessions.isEmpty()) {
      return List.of();
    }
    return db.run("recording repair attempts of " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement(RECORD)) {
        statement.setString(1, symbol.value());
        dialect.setInstant(statement, 2, attemptedAt);
        dialect.setInstant(statement, 3, attemptedAt);
        statement.setString(4, provider.value());
        statement.setString(5, outcome);
        statement.setArray(6, dialect.array(c, ElementType.DATE, sessions.stream().distinct().toList()));
        List<RepairAttempt> result = list(statement, this::attempt);
        result.sort(Comparator.comparing(RepairAttempt::session));
        return result;
      }
    });
  }

  private RepairAttempt attempt(ResultSet rs) throws SQLException {
    return new RepairAttempt(
        new Symbol(rs.getString(1)),
        dialect.getDate(rs, 2),
        rs.getInt(3),
        dialect.getInstant(rs, 4),
        dialect.getInstant(rs, 5),
        new ProviderId(rs.getString(6)),
        rs.getString(7));
  }
}
