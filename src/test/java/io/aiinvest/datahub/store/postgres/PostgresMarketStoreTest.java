package io.aiinvest.datahub.store.postgres;

import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.MarketStoreContractTest;
import io.aiinvest.datahub.testing.TestPostgres;

/** The store contract on the real PostgreSQL, a scratch database per test. */
class PostgresMarketStoreTest extends MarketStoreContractTest {
  private ScratchDatabase database;

  @Override
  protected MarketStore openEmptyStore() {
    database = TestPostgres.scratch();
    return PostgresMarketStore.open(database.target(), TestPostgres.config(database));
  }

  @Override
  protected void dropStore() {
    database.close();
  }
}
