package io.aiinvest.datahub.store.duckdb;

import io.aiinvest.datahub.store.StoreException;
import java.sql.SQLException;

/** Turns DuckDB driver errors into one-line messages that say what was being done and in which file. */
final class DuckDbErrors {
  private DuckDbErrors() {}

  static StoreException translate(SQLException e, String doing) {
    return new StoreException("database error while " + doing + ": " + firstLine(e), e);
  }

  /** DuckDB puts the error on the first line and a caret diagram of the statement below it. */
  static String firstLine(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message);
  }
}
