package io.aiinvest.datahub.store.duckdb;

import io.aiinvest.datahub.store.StoreException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.duckdb.DuckDBConnection;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings schema {@code market_data} of a DuckDB file to the latest version with Flyway's community DuckDB module
 * ({@code flyway-database-duckdb} 10.24.0, which runs on flyway-core 11.9.0). Migrations live in
 * {@code db/duckdb}; their versions follow the PostgreSQL folder's so both stores report the same schema version.
 */
final class DuckDbMigrations {
  static final String SCHEMA = "market_data";

  private DuckDbMigrations() {}

  static String migrate(DuckDBConnection primary, String description) {
    Flyway flyway = Flyway.configure()
        .dataSource(new SharedDatabase(primary))
        .schemas(SCHEMA)
        .createSchemas(true)
        .locations("classpath:db/duckdb")
        .loggers("slf4j")
        .load();
    try {
      MigrateResult result = flyway.migrate();
      String reached = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
      return reached == null ? "0" : reached;
    } catch (FlywayException e) {
      String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new StoreException("migrating " + description + " failed: " + text.lines().findFirst().orElse(text), e);
    }
  }

  /**
   * Hands out connections to the database the store already holds open: to Flyway, and to collaborators that keep
   * tables of their own in it ({@link DuckDbMarketStore#dataSource()}). Opening the file again by URL would work
   * inside one process, but would bypass the store's single-opener check.
   */
  record SharedDatabase(DuckDBConnection primary) implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      synchronized (primary) {
        return primary.duplicate();
      }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      if (type.isInstance(this)) {
        return type.cast(this);
      }
      throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return type.isInstance(this);
    }
  }
}
