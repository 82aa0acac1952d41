package io.aiinvest.datahub.store.postgres;

import io.aiinvest.datahub.store.StoreException;
import java.sql.SQLException;

/** Turns driver errors into one-line messages that say what was being done and where. */
final class PostgresErrors {
  private PostgresErrors() {}

  static StoreException translate(SQLException e, String doing) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String first = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    if (state.startsWith("08")) {
      return new StoreException("lost the database connection while " + doing + ": " + first, e);
    }
    return new StoreException("database error while " + doing + " (SQLSTATE " + state + "): " + first, e);
  }
}
