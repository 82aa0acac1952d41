package io.aiinvest.datahub.schedule.jdbc;

import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.duckdb.DuckDbMarketStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;

/** The job history in an embedded DuckDB file. */
class DuckDbJobHistoryTest extends JobHistoryContractTest {
  @TempDir Path directory;

  private Path file() {
    return directory.resolve("hub.duckdb");
  }

  @Override
  MarketStore openStore() {
    return DuckDbMarketStore.open(new DbTarget.DuckDb(file()));
  }

  @Override
  Connection connectAtVersion41() throws SQLException {
    String url = "jdbc:duckdb:" + file();
    Connection connection = DriverManager.getConnection(url);
    // DuckDB's driver shares the open database with Flyway's connections in this process.
    Flyway.configure()
        .dataSource(url, null, null)
        .schemas("market_data")
        .createSchemas(true)
        .locations("classpath:db/duckdb")
        .target("41")
        .load()
        .migrate();
    return connection;
  }

  @Override
  void dropDatabase() {
    // The temporary directory goes with the test.
  }
}
