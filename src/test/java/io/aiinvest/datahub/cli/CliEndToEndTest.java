package io.aiinvest.datahub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.CliRun;
import io.aiinvest.datahub.testing.TestPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line against a real PostgreSQL database, as an operator would use it. */
class CliEndToEndTest {
  @TempDir Path dir;

  private ScratchDatabase database;
  private Map<String, String> env;

  @BeforeEach
  void create() {
    database = TestPostgres.scratch();
    env = TestPostgres.env(database);
  }

  @AfterEach
  void drop() {
    database.close();
  }

  private CliRun run(String... args) {
    return CliRun.run(env, args);
  }

  private Path stooqFile() throws IOException {
    Path file = dir.resolve("AAA.csv");
    Files.writeString(file, "Date,Open,High,Low,Close,Volume\r\n"
        + "2024-01-02,10,11,9.5,10.5,1000\r\n"
        + "2024-01-03,10.5,12,10.25,11.75,2000\r\n"
        + "2024-01-04,11.75,11.75,11,11.125,0\r\n");
    return file;
  }

  @Test
  void ingestedFileComesBackFromBarsAsCsv() throws IOException {
    assertThat(run("init").out()).contains("schema market_data is at version");
    assertThat(run("add-symbol", "aaa", "--name", "Triple A").out()).contains("added AAA (Triple A)");

    CliRun ingest = run("ingest", "AAA", "--provider", "csv", "--path", stooqFile().toString());
    CliRun bars = run("bars", "AAA", "--format", "csv");

    assertThat(ingest.exitCode()).isZero();
    assertThat(ingest.out()).contains("3 inserted, 0 updated, 0 unchanged, 0 rejected");
    assertThat(bars.exitCode()).isZero();
    assertThat(bars.out()).isEqualTo("date,open,high,low,close,volume,source\n"
        + "2024-01-02,10,11,9.5,10.5,1000,csv\n"
        + "2024-01-03,10.5,12,10.25,11.75,2000,csv\n"
        + "2024-01-04,11.75,11.75,11,11.125,0,csv\n");
  }

  @Test
  void importingTheSameFileAgainReportsEveryRowUnchanged() throws IOException {
    run("add-symbol", "AAA");
    Path file = stooqFile();
    run("ingest", "AAA", "--provider", "csv", "--path", file.toString());

    CliRun again = run("ingest", "AAA", "--provider", "csv", "--path", file.toString());

    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("0 inserted, 0 updated, 3 unchanged, 0 rejected");
  }

  @Test
  void realYahooExportIsStoredAsTradedWithItsActions() throws Exception {
    run("add-symbol", "AAPL");
    Path file = Path.of(getClass().getResource("/sample-eod/AAPL.csv").toURI());

    CliRun ingest = run("ingest", "AAPL", "--provider", "csv", "--path", file.toString(), "--format", "json");
    CliRun bars = run("bars", "AAPL", "--from", "2020-08-28", "--to", "2020-08-31", "--format", "json");

    JsonNode report = new ObjectMapper().readTree(ingest.out()).get(0);
    assertThat(report.get("inserted").asLong()).isEqualTo(1256);
    assertThat(report.get("actions_new").asLong()).isEqualTo(20);
    JsonNode rows = new ObjectMapper().readTree(bars.out());
    assertThat(rows.get(0).get("date").asText()).isEqualTo("2020-08-28");
    assertThat(rows.get(0).get("close").decimalValue()).isBetween(new BigDecimal("499.22"),
        new BigDecimal("499.24"));
    assertThat(rows.get(1).get("close").decimalValue()).isBetween(new BigDecimal("129.03"),
        new BigDecimal("129.05"));
  }

  @Test
  void malformedFileFailsNamingLineAndColumnAndStoresNothing() throws IOException {
    run("add-symbol", "AAA");
    Path file = dir.resolve("AAA.csv");
    Files.writeString(file, "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10,100\n2024-01-03,10,x,9,10,1\n");

    CliRun ingest = run("ingest", "AAA", "--provider", "csv", "--path", file.toString());

    assertThat(ingest.exitCode()).isEqualTo(1);
    assertThat(ingest.out()).contains("line 3, column 'High'").contains("nothing from this file was stored");
    assertThat(run("bars", "AAA", "--format", "csv").out()).isEqualTo("date,open,high,low,close,volume,source\n");
  }

  @Test
  void oneBadSymbolFailsAloneAndTheRunExitsOne() throws IOException {
    run("add-symbol", "AAA");
    run("add-symbol", "BBB");
    stooqFile();

    CliRun ingest = run("ingest", "AAA", "BBB", "--provider", "csv", "--path", dir.toString());

    assertThat(ingest.exitCode()).isEqualTo(1);
    assertThat(ingest.out()).contains("2 symbols (1 failed): 3 inserted").contains("no file for BBB");
    assertThat(ingest.err()).contains("[2/2]");
  }

  @Test
  void rejectedRowsAreReportedWithTheirRule() throws IOException {
    run("add-symbol", "AAA");
    Path file = dir.resolve("AAA.csv");
    Files.writeString(file, "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10,100\n2024-01-03,10,9,11,10,1\n");

    CliRun ingest = run("ingest", "AAA", "--provider", "csv", "--path", file.toString());

    assertThat(ingest.exitCode()).isZero();
    assertThat(ingest.out()).contains("1 inserted, 0 updated, 0 unchanged, 1 rejected")
        .contains("AAA 2024-01-03 rejected (bars_high_ge_low): line 3");
  }

  @Test
  void unknownSymbolIsRefusedWithAHint() throws IOException {
    CliRun ingest = run("ingest", "ZZZ", "--provider", "csv", "--path", stooqFile().toString());
    CliRun bars = run("bars", "ZZZ");

    assertThat(ingest.exitCode()).isEqualTo(1);
    assertThat(ingest.out()).contains("unknown symbol ZZZ: add it first with 'datahub add-symbol ZZZ'");
    assertThat(bars.exitCode()).isEqualTo(1);
    assertThat(bars.err()).contains("unknown symbol ZZZ");
  }

  @Test
  void invalidSymbolNeverReachesTheDatabase() {
    CliRun run = run("add-symbol", "AAPL; DROP TABLE bars");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("invalid symbol 'AAPL; DROP TABLE bars'");
    assertThat(run("list-symbols", "--format", "csv").out()).isEqualTo(
        "symbol,name,exchange,asset_type,sector,industry,is_active,data_source\n");
  }

  @Test
  void listSymbolsPrintsTableCsvAndJson() throws Exception {
    run("add-symbol", "MSFT", "--name", "Microsoft", "--exchange", "NASDAQ", "--asset-type", "stock");
    run("add-symbol", "OLD", "--inactive");

    String table = run("list-symbols").out();
    String csv = run("list-symbols", "--all", "--format", "csv").out();
    JsonNode json = new ObjectMapper().readTree(run("list-symbols", "--format", "json").out());

    assertThat(table).contains("MSFT").contains("Microsoft").doesNotContain("OLD");
    assertThat(csv).contains("MSFT,Microsoft,NASDAQ,stock,,,true,\n").contains("OLD,,,,,,false,");
    assertThat(json).hasSize(1);
    assertThat(json.get(0).get("symbol").asText()).isEqualTo("MSFT");
    assertThat(json.get(0).get("exchange").asText()).isEqualTo("NASDAQ");
    assertThat(json.get(0).get("is_active").asBoolean()).isTrue();
  }

  @Test
  void viewIssuesSaysSoWhenTheLogIsEmptyAndPrintsJson() {
    assertThat(run("view-issues").out()).contains("no data-quality findings match");
    assertThat(run("view-issues", "--format", "json").out().trim()).isEqualTo("[]");
  }

  @Test
  void unreachableDatabaseGivesOneLineWithoutThePassword() {
    CliRun run = CliRun.run(Map.of(), "--db", "postgresql://alice:s3cret@127.0.0.1:1/market", "init");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains("cannot connect to PostgreSQL at 127.0.0.1:1, database 'market'")
        .contains("refused")
        .doesNotContain("s3cret");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("ingest").exitCode()).isEqualTo(2);
    assertThat(run("bars", "AAA", "--from", "yesterday").exitCode()).isEqualTo(2);
    assertThat(run("no-such-command").exitCode()).isEqualTo(2);
  }

  @Test
  void everyCommandHasHelp() {
    CommandLine root = DatahubCommand.commandLine(env);
    List<String> missing = new ArrayList<>();
    root.getSubcommands().forEach((name, sub) -> {
      CliRun help = CliRun.run(env, name, "--help");
      if (help.exitCode() != 0 || !help.out().contains("Usage: datahub " + name)) {
        missing.add(name);
      }
    });
    assertThat(missing).isEmpty();
    assertThat(run("--help").out()).contains("ingest").contains("bars").contains("Exit codes");
  }
}
