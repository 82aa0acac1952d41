package io.aiinvest.datahub.store.duckdb;

import static io.aiinvest.datahub.testing.Bars.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.domain.BarRevision;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.MarketStoreContractTest;
import io.aiinvest.datahub.store.UnknownSymbolException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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

  @Test
  void barsAppendedAsNewAndBarsMergedCarryTheTimeOfTheirWrite() {
    // A first load is appended straight into bars with ingested_at given by the store; a load beside stored bars
    // goes through the staging table and takes the column default. Both must be the writing transaction's time.
    store.upsertBars(List.of(flat("AAA", "2024-01-02", "10", 5)));
    store.upsertBars(List.of(flat("AAA", "2024-01-02", "10", 5), flat("AAA", "2024-01-03", "10", 5)));
    store.upsertBars(List.of(flat("AAA", "2024-01-02", "11", 5), flat("AAA", "2024-01-03", "11", 5)));

    Map<LocalDate, BarRevision> revisions = store.revisions(Symbol.of("AAA"), DateRange.ALL).stream()
        .collect(Collectors.toMap(r -> r.previous().date(), r -> r));
    assertThat(revisions).hasSize(2);
    Instant appended = revisions.get(LocalDate.parse("2024-01-02")).previousIngestedAt();
    Instant merged = revisions.get(LocalDate.parse("2024-01-03")).previousIngestedAt();
    Instant revised = revisions.get(LocalDate.parse("2024-01-03")).revisedAt();
    assertThat(appended).isBefore(merged).isAfter(revised.minus(Duration.ofMinutes(1)));
    assertThat(merged).isBefore(revised);
  }
}
