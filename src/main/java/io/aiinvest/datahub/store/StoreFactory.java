package io.aiinvest.datahub.store;

import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.store.duckdb.DuckDbMarketStore;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;

/** Opens the store the configuration names, migrated to the latest schema. */
public final class StoreFactory {
  private StoreFactory() {}

  public static MarketStore open(HubConfig config) {
    DbTarget target = config.db();
    if (target instanceof DbTarget.Postgres postgres) {
      return PostgresMarketStore.open(postgres, config);
    }
    return DuckDbMarketStore.open((DbTarget.DuckDb) target);
  }
}
