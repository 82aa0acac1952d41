package io.aiinvest.datahub.store.duckdb;

import static io.aiinvest.datahub.testing.Bars.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.MarketStoreContractTest;
import io.aiinvest.datahub.store.UnknownSymbolException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on DuckDB, a new database file per test. */
class DuckDbMarketStoreTest extends MarketStoreContractTest {
  @TempDir Path directory;

  @Override
  protected MarketStore openEmptyStore() {
    return DuckDbMarketStore.open(new DbTarget.DuckDb(directory.resolve("contract.duckdb")));
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
