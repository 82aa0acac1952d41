package io.aiinvest.datahub.store.duckdb;

import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.MarketStoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on DuckDB, a new database file per test. */
class DuckDbMarketStoreTest extends MarketStoreContractTest {
  @TempDir Path directory;

  @Override
  protected MarketStore openEmptyStore() {
    return DuckDbMarketStore.open(new DbTarget.DuckDb(directory.resolve("contract.duckdb")));
  }
}
