package io.aiinvest.datahub.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL schema itself: migrations, constraints, indexes and the bars table's physical layout. */
class PostgresSchemaTest {
  private ScratchDatabase database;
  private HikariDataSource pool;

  @BeforeEach
  void create() {
    database = TestPostgres.scratch();
    pool = PostgresConnector.open(database.target(), TestPostgres.config(database));
  }

  @AfterEach
  void drop() {
    pool.close();
    database.close();
  }

  @Test
  void migratingAnEmptyDatabaseCreatesEveryTable() throws SQLException {
    String version = PostgresMigrations.migrate(pool, Optional.empty());

    assertThat(Integer.parseInt(version)).isGreaterThanOrEqualTo(2);
    assertThat(strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'market_data'"
        + " AND table_name NOT LIKE 'bars_y%'"))
        .contains("symbol_map", "bars", "bar_revisions", "corporate_actions", "corporate_action_revisions",
            "data_quality_log");
  }

  @Test
  void barsCarryAtLeastTenCheckConstraintsAndBothIndexes() throws SQLException {
    PostgresMigrations.migrate(pool, Optional.empty());

    List<String> checks = strings("SELECT conname FROM pg_constraint WHERE conrelid = 'market_data.bars'::regclass"
        + " AND contype = 'c'");
    assertThat(checks).hasSizeGreaterThanOrEqualTo(10)
        .contains("bars_open_positive", "bars_high_ge_low", "bars_high_ge_open", "bars_high_ge_close",
            "bars_low_le_open", "bars_low_le_close", "bars_volume_non_negative", "bars_symbol_format");
    assertThat(strings("SELECT indexdef FROM pg_indexes WHERE schemaname = 'market_data' AND tablename = 'bars'"))
        .anySatisfy(def -> assertThat(def).contains("(symbol, \"timestamp\")"))
        .anySatisfy(def -> assertThat(def).contains("btree (\"timestamp\")"));
  }

  @Test
  void databaseRefusesBarsThatBreakARule() throws SQLException {
    PostgresMigrations.migrate(pool, Optional.empty());
    execute("CREATE TABLE market_data.bars_y2024 PARTITION OF market_data.bars"
        + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
    String insert = "INSERT INTO market_data.bars (symbol, \"timestamp\", open, high, low, close, volume, source)"
        + " VALUES ";

    assertThatThrownBy(() -> execute(insert + "('AAA', '2024-01-02', 10, 9, 11, 10, 1, 'test')"))
        .hasMessageContaining("violates check constraint \"bars_high_ge_");
    assertThatThrownBy(() -> execute(insert + "('AAA', '2024-01-02', 10, 11, 9, 10, -1, 'test')"))
        .hasMessageContaining("bars_volume_non_negative");
    assertThatThrownBy(() -> execute("INSERT INTO market_data.bars (symbol, \"timestamp\", open, high, low, close,"
        + " volume, adjusted_close, source) VALUES ('AAA', '2024-01-02', 10, 11, 9, 10, 1, -3, 'test')"))
        .hasMessageContaining("bars_adjusted_close_positive");
    assertThatThrownBy(() -> execute(insert + "('aaa', '2024-01-02', 10, 11, 9, 10, 1, 'test')"))
        .hasMessageContaining("bars_symbol_format");
    assertThatThrownBy(() -> execute(insert + "('AAA', '2024-01-02', 10, 11, 9, 12, 1, 'test')"))
        .hasMessageContaining("bars_high_ge_close");
    assertThatThrownBy(() -> execute("INSERT INTO market_data.symbol_map (symbol) VALUES ('BAD SYMBOL')"))
        .hasMessageContaining("symbol_map_symbol_format");
  }

  @Test
  void barsAreSplitIntoYearlyPartitionsCreatedOnDemand() throws SQLException {
    PostgresMigrations.migrate(pool, Optional.empty());
    assumeTrue(strings("SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid"
        + " WHERE c.relname = 'bars'").size() == 1, "bars is a TimescaleDB hypertable here, not partitioned");
    try (PostgresMarketStore store = new PostgresMarketStore(pool, () -> {}, "test", "2")) {
      store.upsertSymbol(io.aiinvest.datahub.domain.SymbolInfo.of(Symbol.of("AAA")));
      store.upsertBars(List.of(
          io.aiinvest.datahub.testing.Bars.flat("AAA", "2019-12-31", "10", 1),
          io.aiinvest.datahub.testing.Bars.flat("AAA", "2020-01-02", "10", 1),
          io.aiinvest.datahub.testing.Bars.flat("AAA", "2023-06-01", "10", 1)));

      assertThat(strings("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
          + " WHERE i.inhparent = 'market_data.bars'::regclass ORDER BY 1"))
          .containsExactly("bars_y2019", "bars_y2020", "bars_y2023");
      assertThat(strings("SELECT count(*) FROM market_data.bars_y2020")).containsExactly("1");
      assertThat(store.bars(Symbol.of("AAA"), DateRange.ALL)).hasSize(3);
    }
  }

  @Test
  void populatedVersionOneDatabaseIsUpgradedWithoutLosingData() throws SQLException {
    assertThat(PostgresMigrations.migrate(pool, Optional.of("1"))).isEqualTo("1");
    execute("INSERT INTO market_data.symbol_map (symbol, name) VALUES ('AAA', 'Triple A')");
    execute("CREATE TABLE market_data.bars_y2024 PARTITION OF market_data.bars"
        + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
    execute("INSERT INTO market_data.bars (symbol, \"timestamp\", open, high, low, close, volume, source)"
        + " VALUES ('AAA', '2024-01-02', 10, 11, 9, 10.5, 100, 'csv')");
    execute("INSERT INTO market_data.corporate_actions (symbol, action_type, ex_date, dividend_amount, source)"
        + " VALUES ('AAA', 'dividend', '2024-01-03', 0.25, 'csv')");

    String version = PostgresMigrations.migrate(pool, Optional.empty());

    assertThat(Integer.parseInt(version)).isGreaterThan(1);
    assertThat(strings("SELECT name FROM market_data.symbol_map")).containsExactly("Triple A");
    assertThat(strings("SELECT close::text FROM market_data.bars")).containsExactly("10.500000");
    assertThat(strings("SELECT dividend_amount::text FROM market_data.corporate_actions"))
        .containsExactly("0.250000");
    assertThat(strings("SELECT column_name FROM information_schema.columns WHERE table_schema = 'market_data'"
        + " AND table_name = 'symbol_map'")).contains("listed_on", "delisted_on");
  }

  @Test
  void hypertablePathRunsWhereTimescaleDbIsInstalled() throws SQLException {
    boolean available = !strings("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'").isEmpty()
        && String.join(",", strings("SHOW shared_preload_libraries")).contains("timescaledb");
    assumeTrue(available, "SKIPPED: the timescaledb extension is not installed on this PostgreSQL server, so the"
        + " hypertable path of V1 cannot run here; the native partitioned path is tested instead");

    PostgresMigrations.migrate(pool, Optional.empty());

    assertThat(strings("SELECT hypertable_name FROM timescaledb_information.hypertables")).contains("bars");
    assertThat(strings("SELECT time_interval::text FROM timescaledb_information.dimensions"
        + " WHERE hypertable_name = 'bars'")).containsExactly("1 mon");
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private List<String> strings(String sql) throws SQLException {
    List<String> result = new ArrayList<>();
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        result.add(rs.getString(1));
      }
    }
    return result;
  }
}
