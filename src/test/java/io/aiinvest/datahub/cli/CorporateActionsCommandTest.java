package io.aiinvest.datahub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.TestPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ingest}, {@code bars --adjust} and {@code corporate-actions} end to end on the real PostgreSQL, with the
 * shipped AAPL sample (Yahoo via yfinance: split-adjusted OHLC, a 4:1 split on 2020-08-31, quarterly dividends).
 */
class CorporateActionsCommandTest {
  private static final String SAMPLE = "src/main/resources/sample-eod/AAPL.csv";

  private ScratchDatabase database;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void open() {
    database = TestPostgres.scratch();
    assertThat(run("add-symbol", "AAPL", "--exchange", "NASDAQ")).isZero();
  }

  @AfterEach
  void close() {
    database.close();
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = DatahubCommand.commandLine(TestPostgres.env(database));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private List<String> lines() {
    return out.toString().lines().toList();
  }

  @Test
  void ingestReportsActionCountsAndStoresTheSampleAsTraded() {
    int exit = run("ingest", "AAPL", "--provider", "csv", "--path", SAMPLE, "--format", "json");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("\"inserted\":1256", "\"actions_new\":20", "\"actions_withdrawn\":0",
        "\"actions_refused\":0");
    assertThat(run("bars", "AAPL", "--from", "2020-08-28", "--to", "2020-08-31", "--format", "csv")).isZero();
    assertThat(lines()).containsExactly("date,open,high,low,close,volume,source",
        "2020-08-28,504.049988,505.769989,498.309998,499.230011,46907500,csv",
        "2020-08-31,127.580002,131,126,129.039993,225702700,csv");
  }

  @Test
  void barsAdjustSplitAndTotalComputeTheSeriesFromTheStoredActions() throws IOException {
    run("ingest", "AAPL", "--provider", "csv", "--path", SAMPLE);

    assertThat(run("bars", "AAPL", "--from", "2020-08-28", "--to", "2020-08-28", "--adjust", "split", "--format",
        "csv")).isZero();
    // Back on the file's split-adjusted scale from the stored as-traded bar: low 498.309998 / 4 = 124.5774995,
    // half-even 124.5775 (the file said 124.57749938964844; the store kept 6 decimals of the as-traded price).
    assertThat(lines()).containsExactly(
        "date,open,high,low,close,volume,source,price_factor,volume_factor",
        "2020-08-28,126.012497,126.442497,124.5775,124.807503,187630000,csv,0.25,4");

    assertThat(run("bars", "AAPL", "--from", "2020-08-28", "--to", "2020-08-28", "--adjust", "TOTAL", "--format",
        "json")).isZero();
    JsonNode total = json().get(0);
    // Yahoo's Adj Close for that day is 121.540260; the hub's total factor covers the same 19 dividends.
    assertThat(total.path("close").decimalValue()).isBetween(new BigDecimal("121.5402"),
        new BigDecimal("121.5403"));
    assertThat(total.path("volume").asLong()).isEqualTo(187_630_000L);
  }

  @Test
  void barsRefusesAnUnknownAdjustMode() {
    assertThat(run("bars", "AAPL", "--adjust", "dividend")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--adjust'", "[NONE, SPLIT, TOTAL]");
  }

  @Test
  void listsStoredActionsWithTheirOwnFactorsAndPreviousCloses() {
    run("ingest", "AAPL", "--provider", "csv", "--path", SAMPLE);

    assertThat(run("corporate-actions", "AAPL", "--to", "2020-11-06", "--format", "csv")).isZero();

    // 1 - 0.205 / 119.029999 = 0.99827774509180…
    assertThat(lines()).containsExactly(
        "symbol,type,ex_date,ratio,amount,currency,source,previous_date,previous_close,price_factor,volume_factor,"
            + "problem",
        "AAPL,split,2020-08-31,4:1,,,csv,,,0.25,4,",
        "AAPL,dividend,2020-11-06,,0.205,,csv,2020-11-05,119.029999,0.998277745092,1,");
  }

  @Test
  void verifyPrintsTheWorstDeviationAndExitsZeroWhenTheSeriesAgree() throws IOException {
    run("ingest", "AAPL", "--provider", "csv", "--path", SAMPLE);

    assertThat(run("corporate-actions", "AAPL", "--verify", "--format", "json")).as(err.toString()).isZero();

    JsonNode row = json().get(0);
    assertThat(row.path("status").asText()).isEqualTo("agrees");
    assertThat(row.path("bars_checked").asInt()).isEqualTo(1256);
    assertThat(row.path("worst_date").asText()).isEqualTo("2022-09-27");
    assertThat(row.path("worst_deviation").decimalValue().abs()).isLessThan(new BigDecimal("1e-6"));
    assertThat(row.path("finding_id").isNull()).isTrue();
  }

  @Test
  void verifyLogsAFindingAndExitsOneWhenAStoredDividendIsMissing(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("AAPL.csv");
    Files.write(file, Files.readAllLines(Path.of(SAMPLE)).stream()
        .map(l -> l.startsWith("2022-08-05") ? l.replace(",0.23,0.0", ",0.0,0.0") : l).toList());
    run("ingest", "AAPL", "--provider", "csv", "--path", SAMPLE);
    assertThat(run("ingest", "AAPL", "--provider", "csv", "--path", file.toString())).isZero();
    assertThat(out.toString()).contains("actions_withdrawn");

    int exit = run("corporate-actions", "AAPL", "--verify");

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).contains("disagrees")
        .contains("AAPL: ratio off by more than 0.05% from 2020-08-10 to 2022-08-04 (501 bars, worst 0.1389% on"
            + " 2021-01-29)");
    assertThat(run("view-issues", "--check", "adjustment_crosscheck", "--format", "json")).isZero();
    JsonNode finding = json().get(0);
    assertThat(finding.path("severity").asText()).isEqualTo("WARNING");
    assertThat(finding.path("details").path("breaks").get(0).path("to").asText()).isEqualTo("2022-08-04");

    assertThat(run("corporate-actions", "AAPL", "--revisions", "--format", "csv")).isZero();
    assertThat(lines()).hasSize(2);
    assertThat(lines().get(1)).startsWith("AAPL,dividend,2022-08-05,withdrawn,,0.23,,csv,csv,");
  }

  @Test
  void revisionsAndVerifyCannotBeCombined() {
    assertThat(run("corporate-actions", "AAPL", "--revisions", "--verify")).isEqualTo(2);
    assertThat(err.toString()).contains("cannot be combined");
  }

  @Test
  void emptyListingSaysSo() {
    assertThat(run("corporate-actions", "--all")).isZero();
    assertThat(out.toString()).contains("no corporate actions stored for AAPL");
  }

  private JsonNode json() throws IOException {
    return new ObjectMapper().readTree(out.toString());
  }
}
