package io.aiinvest.datahub.export;

import static io.aiinvest.datahub.testing.Bars.bar;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.adjust.AdjustMode;
import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.duckdb.BarFileWriter;
import io.aiinvest.datahub.store.duckdb.DuckDbMarketStore;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.CliRun;
import io.aiinvest.datahub.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datahub export}: one file per symbol, read back through DuckDB's own Parquet and CSV readers. */
class ExportCommandTest {
  @TempDir Path directory;

  private static final List<DailyBar> AAA = List.of(
      bar("AAA", "2024-01-02", "10.5", "11.25", "10.125", "11", 1000),
      bar("AAA", "2024-01-03", "11", "12.000001", "10.9", "12", 0),
      bar("AAA", "2024-01-04", "123456789.123456", "123456790", "123456789", "123456789.5", 9_000_000_000L));
  private static final List<DailyBar> BBB = List.of(bar("BBB", "2024-01-02", "20", "20", "20", "20", 5));

  private Map<String, String> env() {
    return Map.of("DATAHUB_HOME", directory.toString(), "HOME", directory.toString());
  }

  private void load(MarketStore store) {
    store.upsertSymbol(SymbolInfo.of(Symbol.of("AAA")));
    store.upsertSymbol(SymbolInfo.of(Symbol.of("BBB")));
    store.upsertBars(AAA);
    store.upsertBars(BBB);
  }

  private void loadDefaultStore() {
    try (DuckDbMarketStore store = DuckDbMarketStore.open(new DbTarget.DuckDb(directory.resolve("datahub.duckdb")))) {
      load(store);
    }
  }

  /** The rows of an exported file as DuckDB reads them, oldest first. */
  private static List<DailyBar> readBack(String reader, Path file) throws Exception {
    List<DailyBar> rows = new ArrayList<>();
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement query = duckdb.prepareStatement(
            "SELECT symbol, date, open, high, low, close, volume FROM " + reader + "(?) ORDER BY date")) {
      query.setString(1, file.toString());
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          rows.add(new DailyBar(Symbol.of(rs.getString(1)), rs.getObject(2, LocalDate.class), rs.getBigDecimal(3),
              rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getLong(7), Optional.empty(),
              io.aiinvest.datahub.testing.Bars.TEST));
        }
      }
    }
    return rows;
  }

  @Test
  void parquetFilesHoldEachSymbolsBarsWithExactValues() throws Exception {
    loadDefaultStore();
    CliRun run = CliRun.run(env(), "export", "--format", "parquet", "--out", directory.resolve("out").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(readBack("read_parquet", directory.resolve("out/AAA.parquet"))).containsExactlyElementsOf(AAA);
    assertThat(readBack("read_parquet", directory.resolve("out/BBB.parquet"))).containsExactlyElementsOf(BBB);
    assertThat(run.out()).contains("wrote 2 parquet files (4 bars, as traded) to " + directory.resolve("out"));
  }

  @Test
  void parquetColumnsAreTypedForDataFrameReaders() throws Exception {
    loadDefaultStore();
    assertThat(CliRun.run(env(), "export", "--format", "parquet", "--out", directory.toString(), "AAA").exitCode())
        .isZero();

    List<String> types = new ArrayList<>();
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement query = duckdb.prepareStatement(
            "SELECT name, type FROM parquet_schema(?) WHERE name <> 'duckdb_schema' ORDER BY name")) {
      query.setString(1, directory.resolve("AAA.parquet").toString());
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          types.add(rs.getString(1) + ":" + rs.getString(2));
        }
      }
    }
    assertThat(types).containsExactly("close:INT64", "date:INT32", "high:INT64", "low:INT64", "open:INT64",
        "symbol:BYTE_ARRAY", "volume:INT64");
  }

  @Test
  void csvFilesHaveAHeaderAndOneRowPerBarWithinTheRange() throws Exception {
    loadDefaultStore();
    CliRun run = CliRun.run(env(), "export", "--format", "csv", "--out", directory.toString(), "--from", "2024-01-03",
        "aaa");

    assertThat(run.exitCode()).isZero();
    assertThat(Files.readAllLines(directory.resolve("AAA.csv"))).containsExactly(
        "symbol,date,open,high,low,close,volume",
        "AAA,2024-01-03,11.000000,12.000001,10.900000,12.000000,0",
        "AAA,2024-01-04,123456789.123456,123456790.000000,123456789.000000,123456789.500000,9000000000");
    assertThat(readBack("read_csv", directory.resolve("AAA.csv"))).containsExactlyElementsOf(AAA.subList(1, 3));
    assertThat(directory.resolve("BBB.csv")).doesNotExist();
  }

  @Test
  void exportReadsThroughAnyStoreIncludingPostgres() throws Exception {
    try (ScratchDatabase database = TestPostgres.scratch()) {
      try (PostgresMarketStore store = PostgresMarketStore.open(database.target(), TestPostgres.config(database))) {
        load(store);
        new ExportService(store).export(List.of(Symbol.of("AAA")), DateRange.ALL, AdjustMode.NONE,
            BarFileWriter.Format.PARQUET, directory);
      }
    }

    assertThat(readBack("read_parquet", directory.resolve("AAA.parquet"))).containsExactlyElementsOf(AAA);
  }

  @Test
  void splitAdjustedExportDividesEarlierPricesAndMultipliesEarlierVolumes() throws Exception {
    loadDefaultStore();
    try (DuckDbMarketStore store = DuckDbMarketStore.open(new DbTarget.DuckDb(directory.resolve("datahub.duckdb")))) {
      store.upsertActions(List.of(io.aiinvest.datahub.testing.Bars.split("AAA", "2024-01-03", "2", "1")));
    }
    CliRun run = CliRun.run(env(), "export", "--format", "parquet", "--out", directory.toString(), "--adjust",
        "split", "AAA");

    assertThat(run.exitCode()).isZero();
    List<DailyBar> rows = readBack("read_parquet", directory.resolve("AAA.parquet"));
    assertThat(rows.get(0)).isEqualTo(bar("AAA", "2024-01-02", "5.25", "5.625", "5.0625", "5.5", 2000));
    assertThat(rows.subList(1, 3)).containsExactlyElementsOf(AAA.subList(1, 3));
    assertThat(run.out()).contains("(3 bars, split-adjusted)");
  }

  @Test
  void unknownSymbolIsRefusedBeforeAnyFileIsWritten() throws Exception {
    loadDefaultStore();
    CliRun run = CliRun.run(env(), "export", "--format", "csv", "--out", directory.resolve("out").toString(), "AAA",
        "ZZZ");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("unknown symbol ZZZ");
    assertThat(directory.resolve("out")).doesNotExist();
  }
}
