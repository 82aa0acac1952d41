package io.aiinvest.datahub.schedule.jdbc;

import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.PostgresMigrations;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/** The job history on PostgreSQL. */
class PostgresJobHistoryTest extends JobHistoryContractTest {
  private final ScratchDatabase database = TestPostgres.scratch();

  @Override
  MarketStore openStore() {
    return PostgresMarketStore.open(database.target(), TestPostgres.config(database));
  }

  @Override
  Connection connectAtVersion41() throws SQLException {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(database.target().jdbcUrl());
    database.target().user().ifPresent(dataSource::setUser);
    database.target().password().ifPresent(dataSource::setPassword);
    PostgresMigrations.migrate(dataSource, Optional.of("41"));
    return dataSource.getConnection();
  }

  @Override
  void dropDatabase() {
    database.close();
  }
}
