package io.aiinvest.datahub.store.postgres;

import static io.aiinvest.datahub.testing.Bars.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.MarketStoreContractTest;
import io.aiinvest.datahub.store.UnknownSymbolException;
import io.aiinvest.datahub.testing.TestPostgres;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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

  @Test
  void batchWriteStoresNothingWhenOneSymbolIsRefused() {
    assertThatThrownBy(() -> store.writeBatch(List.of(
        new MarketStore.SymbolWrite(Symbol.of("AAA"), List.of(flat("AAA", "2024-01-02", "10", 5)), List.of()),
        new MarketStore.SymbolWrite(Symbol.of("ZZZ"), List.of(flat("ZZZ", "2024-01-02", "10", 5)), List.of()))))
        .isInstanceOf(UnknownSymbolException.class);

    assertThat(store.countBars(Optional.empty())).isZero();
  }
}
