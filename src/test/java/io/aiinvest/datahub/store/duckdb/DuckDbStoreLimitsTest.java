package io.aiinvest.datahub.store.duckdb;

import static io.aiinvest.datahub.testing.Bars.bar;
import static io.aiinvest.datahub.testing.Bars.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.StoreException;
import io.aiinvest.datahub.testing.HolderProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the DuckDB store does that the contract does not cover: one writer per file, its price range, reopening. */
class DuckDbStoreLimitsTest {
  @TempDir Path directory;

  private DbTarget.DuckDb target() {
    return new DbTarget.DuckDb(directory.resolve("hub.duckdb"));
  }

  @Test
  void secondProcessOpeningTheFileIsToldItIsInUse() throws Exception {
    Path file = directory.resolve("hub.duckdb");
    try (HolderProcess holder = HolderProcess.start(HoldDuckDbFile.class, file.toString())) {
      assertThatThrownBy(() -> DuckDbMarketStore.open(target()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("database file " + file + " is in use by another datahub process")
          .hasMessageContaining("PID " + holder.pid());
    }
    try (DuckDbMarketStore reopened = DuckDbMarketStore.open(target())) {
      assertThat(reopened.schemaVersion()).isEqualTo("42");
    }
  }

  @Test
  void secondStoreOnAnOpenFileInTheSameProcessIsRefused() {
    try (DuckDbMarketStore first = DuckDbMarketStore.open(target())) {
      assertThatThrownBy(() -> DuckDbMarketStore.open(target()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("is already open in this datahub process");
    }
    try (DuckDbMarketStore again = DuckDbMarketStore.open(target())) {
      assertThat(again.describe()).isEqualTo("duckdb:" + directory.resolve("hub.duckdb"));
    }
  }

  @Test
  void dataAndSchemaVersionSurviveReopening() {
    DailyBar bar = flat("AAA", "2024-01-02", "10", 5);
    try (DuckDbMarketStore store = DuckDbMarketStore.open(target())) {
      store.upsertSymbol(SymbolInfo.of(Symbol.of("AAA")));
      store.upsertBars(List.of(bar));
    }
    try (DuckDbMarketStore store = DuckDbMarketStore.open(target())) {
      assertThat(store.schemaVersion()).isEqualTo("42");
      assertThat(store.bars(Symbol.of("AAA"), DateRange.ALL)).containsExactly(bar);
    }
  }

  @Test
  void writesAfterASymbolIsAddedOrDataChangesSeeTheNewState() {
    // Writes reuse pooled connections; nothing they learnt about the tables may outlive the write.
    try (DuckDbMarketStore store = DuckDbMarketStore.open(target())) {
      store.upsertSymbol(SymbolInfo.of(Symbol.of("AAA")));
      assertThat(store.upsertBars(List.of(flat("AAA", "2024-01-02", "10", 5))).inserted()).isEqualTo(1);
      store.upsertSymbol(SymbolInfo.of(Symbol.of("BBB")));

      assertThat(store.upsertBars(List.of(flat("BBB", "2024-01-02", "10", 5))).inserted()).isEqualTo(1);
      assertThat(store.upsertBars(List.of(flat("BBB", "2024-01-02", "10", 5))).unchanged()).isEqualTo(1);
      assertThat(store.upsertBars(List.of(flat("AAA", "2024-01-01", "9", 5), flat("AAA", "2024-01-02", "11", 5)))
          .updated()).isEqualTo(1);
      assertThat(store.countBars(Optional.empty())).isEqualTo(3);
    }
  }

  @Test
  void aFailedWriteLeavesTheStoreUsable() {
    try (DuckDbMarketStore store = DuckDbMarketStore.open(target())) {
      store.upsertSymbol(SymbolInfo.of(Symbol.of("AAA")));
      assertThatThrownBy(() -> store.upsertBars(List.of(flat("ZZZ", "2024-01-02", "10", 5))))
          .isInstanceOf(io.aiinvest.datahub.store.UnknownSymbolException.class);

      assertThat(store.upsertBars(List.of(flat("AAA", "2024-01-02", "10", 5))).inserted()).isEqualTo(1);
    }
  }

  @Test
  void missingDirectoryOfTheFileIsCreated() {
    DbTarget.DuckDb nested = new DbTarget.DuckDb(directory.resolve("home/.datahub/datahub.duckdb"));
    try (DuckDbMarketStore store = DuckDbMarketStore.open(nested)) {
      assertThat(store.file()).exists();
    }
  }

  @Test
  void priceBeyondTheDuckDbColumnIsRefusedWithAMessageAndNothingStored() {
    try (DuckDbMarketStore store = DuckDbMarketStore.open(target())) {
      store.upsertSymbol(SymbolInfo.of(Symbol.of("AAA")));

      assertThatThrownBy(() -> store.upsertBars(List.of(flat("AAA", "2024-01-02", "10", 5),
              bar("AAA", "2024-01-03", "10", "2000000000000", "10", "10", 5))))
          .isInstanceOf(DatahubException.class)
          .hasMessageContaining("AAA 2024-01-03: price 2000000000000.000000 is too large")
          .hasMessageContaining("below 10^12");
      assertThat(store.countBars(Optional.empty())).isZero();
      assertThat(store.upsertBars(List.of(flat("AAA", "2024-01-02", "999999999999.999999", 5))).inserted())
          .isEqualTo(1);
    }
  }

  @Test
  void concurrentWritersOfOverlappingBarsNeverStoreAKeyTwice() throws Exception {
    try (DuckDbMarketStore store = DuckDbMarketStore.open(target())) {
      store.upsertSymbol(SymbolInfo.of(Symbol.of("AAA")));
      List<DailyBar> bars = new ArrayList<>();
      LocalDate date = LocalDate.of(2024, 1, 1);
      for (int i = 0; i < 500; i++) {
        bars.add(flat("AAA", date.plusDays(i).toString(), "10", i));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<LoadResult>> results = new ArrayList<>();
        for (int writer = 0; writer < 8; writer++) {
          int offset = writer * 50;
          results.add(pool.submit(() -> store.upsertBars(bars.subList(offset, offset + 100))));
        }
        long inserted = 0;
        for (Future<LoadResult> result : results) {
          inserted += result.get().inserted();
        }
        assertThat(inserted).isEqualTo(450);
      } finally {
        pool.shutdownNow();
      }
      try (Connection connection = store.connection();
          Statement query = connection.createStatement();
          ResultSet rs = query.executeQuery("SELECT count(*), count(DISTINCT (symbol, \"timestamp\"))"
              + " FROM market_data.bars")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(450).isEqualTo(rs.getLong(2));
      }
    }
  }

  @Test
  void concurrentWritersOfDifferentSymbolsInsertAndReviseSideBySide() throws Exception {
    try (DuckDbMarketStore store = DuckDbMarketStore.open(target())) {
      List<String> symbols = List.of("AAA", "BBB", "CCC", "DDD", "EEE", "FFF");
      for (String symbol : symbols) {
        store.upsertSymbol(SymbolInfo.of(Symbol.of(symbol)));
        store.upsertBars(series(symbol, "10"));
      }
      ExecutorService pool = Executors.newFixedThreadPool(symbols.size());
      try {
        List<Future<LoadResult>> results = new ArrayList<>();
        for (String symbol : symbols) {
          results.add(pool.submit(() -> store.upsertBars(series(symbol, "11"))));
        }
        for (Future<LoadResult> result : results) {
          assertThat(result.get().updated()).isEqualTo(300);
        }
      } finally {
        pool.shutdownNow();
      }
      for (String symbol : symbols) {
        assertThat(store.revisions(Symbol.of(symbol), DateRange.ALL)).hasSize(300);
        assertThat(store.bars(Symbol.of(symbol), DateRange.ALL)).extracting(DailyBar::close)
            .allMatch(close -> close.compareTo(new java.math.BigDecimal("11")) == 0);
      }
    }
  }

  private static List<DailyBar> series(String symbol, String price) {
    List<DailyBar> bars = new ArrayList<>();
    LocalDate date = LocalDate.of(2023, 1, 1);
    for (int i = 0; i < 300; i++) {
      bars.add(flat(symbol, date.plusDays(i).toString(), price, 100));
    }
    return bars;
  }
}
