package io.aiinvest.datahub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.SampleHistory;
import io.aiinvest.datahub.testing.SettableClock;
import io.aiinvest.datahub.testing.TestPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code datahub qa-check} and {@code datahub view-issues} as an operator runs them, on a scratch database. */
class QaCheckCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private ScratchDatabase database;
  private final SettableClock clock = SettableClock.newYork("2025-08-11T08:00");
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void open() throws IOException {
    database = TestPostgres.scratch();
    // SPY with the close of 2025-03-14 in cents: a 100x bar on an otherwise clean, complete history.
    Path clean = SampleHistory.spy(dir.resolve("clean"), "SPY");
    Path bad = inCents(clean, "2025-03-14", dir.resolve("SPY.csv"));
    assertThat(run("add-symbol", "SPY", "--exchange", "NYSEARCA")).isZero();
    assertThat(run("ingest", "SPY", "--path", bad.toString())).isZero();
  }

  @AfterEach
  void close() {
    database.close();
  }

  /** Writes {@code target}: the file {@code source} with the prices of the date's row times 100. */
  private static Path inCents(Path source, String date, Path target) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(source));
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).startsWith(date)) {
        String[] cells = lines.get(i).split(",", -1);
        for (int c = 1; c <= 5; c++) {
          cells[c] = new BigDecimal(cells[c]).movePointRight(2).toPlainString();
        }
        lines.set(i, String.join(",", cells));
      }
    }
    Files.createDirectories(target.getParent());
    return Files.write(target, lines);
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = DatahubCommand.commandLine(TestPostgres.env(database), clock);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void jsonIsAnArrayOfFindingsWithSymbolCheckSeverityDatesAndDetailsAndTheExitCodeIsZero() throws IOException {
    assertThat(run("qa-check", "SPY", "--full", "--format", "json")).isZero();

    JsonNode findings = JSON.readTree(out.toString());
    assertThat(findings.isArray()).isTrue();
    JsonNode unit = null;
    for (JsonNode finding : findings) {
      assertThat(finding.fieldNames()).toIterable().containsExactly("symbol", "check", "severity", "dates",
          "details");
      if (finding.path("check").asText().equals("unit_100x")) {
        unit = finding;
      }
    }
    assertThat(unit).isNotNull();
    assertThat(unit.path("symbol").asText()).isEqualTo("SPY");
    assertThat(unit.path("severity").asText()).isEqualTo("ERROR");
    assertThat(unit.path("dates").toString()).isEqualTo("[\"2025-03-14\",\"2025-03-17\"]");
    assertThat(unit.path("details").path("items").get(0).path("ratio").asDouble()).isBetween(95.0, 105.0);
  }

  @Test
  void theTableNamesEachFindingAndEndsWithASummary() {
    assertThat(run("qa-check", "--all", "--check", "unit_100x,price_anomaly")).isZero();

    assertThat(out.toString())
        .contains("SPY     price_anomaly  ERROR     ")
        .contains("SPY     unit_100x      ERROR     2       2025-03-14 2025-03-17")
        .contains("2 findings (2 ERROR, 0 WARNING, 0 INFO) for 1 symbols");
  }

  @Test
  void aThresholdSetForTheRunChangesItsVerdict() {
    assertThat(run("qa-check", "SPY", "--check", "price_anomaly", "--price-threshold", "1000")).isZero();

    assertThat(out.toString()).contains("no findings for 1 symbols");
  }

  @Test
  void fullAndARangeTogetherAreRefused() {
    assertThat(run("qa-check", "SPY", "--full", "--from", "2024-01-01")).isEqualTo(1);

    assertThat(err.toString()).contains("--full examines all history");
  }

  @Test
  void viewIssuesFiltersBySymbolCheckSeveritySinceAndResolution() throws IOException {
    run("qa-check", "SPY", "--check", "unit_100x,volume_spike");
    clock.advance(Duration.ofDays(1));
    run("qa-check", "SPY", "--check", "unit_100x", "--unit-tolerance", "0.001", "--full");

    assertThat(run("view-issues", "--symbol", "SPY", "--check", "unit_100x", "--format", "json")).isZero();
    JsonNode all = JSON.readTree(out.toString());
    assertThat(run("view-issues", "--check", "unit_100x", "--unresolved", "--severity", "ERROR", "--since",
        "2025-08-12", "--format", "json")).isZero();
    JsonNode open = JSON.readTree(out.toString());

    assertThat(all).hasSize(1);
    assertThat(all.get(0).path("resolved").asBoolean()).isTrue();
    assertThat(all.get(0).path("resolved_at").asText()).isEqualTo(clock.instant().toString());
    assertThat(all.get(0).path("dates").toString()).isEqualTo("[\"2025-03-14\",\"2025-03-17\"]");
    assertThat(open).isEmpty();
  }

  @Test
  void rowsIngestRefusesAreLoggedAsOhlcIngestFindings() throws IOException {
    Path file = dir.resolve("AAA.csv");
    Files.writeString(file, "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9.5,10.5,1000\n"
        + "2024-01-03,10.5,9,10.25,11.75,2000\n");
    run("add-symbol", "AAA");

    assertThat(run("ingest", "AAA", "--path", file.toString())).isZero();
    assertThat(out.toString()).contains("view-issues --check ohlc_ingest");
    assertThat(run("view-issues", "--check", "ohlc_ingest", "--format", "json")).isZero();

    JsonNode logged = JSON.readTree(out.toString());
    assertThat(logged).hasSize(1);
    assertThat(logged.get(0).path("symbol").asText()).isEqualTo("AAA");
    assertThat(logged.get(0).path("dates").toString()).isEqualTo("[\"2024-01-03\"]");
    assertThat(logged.get(0).path("details").path("items").get(0).path("kind").asText())
        .isEqualTo("bars_high_ge_low");
  }

  @Test
  void aBarAnImportRevisesInExaminedHistoryIsFoundByTheNextIncrementalRun() throws IOException {
    assertThat(run("qa-check", "SPY", "--full", "--check", "unit_100x")).isZero();
    Path revised = inCents(dir.resolve("SPY.csv"), "2023-06-15", dir.resolve("revised").resolve("SPY.csv"));
    clock.advance(Duration.ofDays(1));

    assertThat(run("ingest", "SPY", "--path", revised.toString(), "--from", "2023-06-15", "--to", "2023-06-15"))
        .isZero();
    assertThat(run("qa-check", "SPY", "--check", "unit_100x", "--format", "json")).isZero();

    JsonNode findings = JSON.readTree(out.toString());
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).path("dates").toString())
        .isEqualTo("[\"2023-06-15\",\"2023-06-16\",\"2025-03-14\",\"2025-03-17\"]");
  }
}
