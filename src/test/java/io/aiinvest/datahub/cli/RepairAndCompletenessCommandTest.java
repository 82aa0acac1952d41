package io.aiinvest.datahub.cli;

import static io.aiinvest.datahub.testing.SampleHistory.dates;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.provider.testing.LoopbackServer;
import io.aiinvest.datahub.provider.testing.LoopbackServer.Reply;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.SampleHistory;
import io.aiinvest.datahub.testing.SettableClock;
import io.aiinvest.datahub.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code datahub completeness} and {@code datahub repair} as an operator runs them, on a scratch database. */
class RepairAndCompletenessCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private ScratchDatabase database;
  private final SettableClock clock = SettableClock.newYork("2025-08-11T08:00");
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void open() {
    database = TestPostgres.scratch();
  }

  @AfterEach
  void close() {
    database.close();
  }

  private int run(String... args) {
    return runWith(Map.of(), args);
  }

  /** Runs with {@code extraEnv} laid over the database's environment. */
  private int runWith(Map<String, String> extraEnv, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    Map<String, String> env = new HashMap<>(TestPostgres.env(database));
    env.putAll(extraEnv);
    CommandLine cli = DatahubCommand.commandLine(env, clock);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** SPY stored without two sessions; returns the complete file for the provider. */
  private Path spyWithTwoHoles() {
    Path holes = SampleHistory.spyWithout(dir.resolve("holes"), "SPY", dates("2024-02-05", "2025-08-08"));
    assertThat(run("add-symbol", "SPY", "--exchange", "NYSEARCA")).isZero();
    assertThat(run("ingest", "SPY", "--path", holes.toString())).isZero();
    return SampleHistory.spy(dir.resolve("complete"), "SPY");
  }

  @Test
  void completenessLogsAndPrintsTheMissingSessions() throws Exception {
    spyWithTwoHoles();

    assertThat(run("completeness", "--all", "--format", "json")).isZero();

    JsonNode findings = JSON.readTree(out.toString());
    assertThat(findings).hasSize(1);
    JsonNode finding = findings.get(0);
    assertThat(finding.path("symbol").asText()).isEqualTo("SPY");
    assertThat(finding.path("check").asText()).isEqualTo("completeness");
    assertThat(finding.path("severity").asText()).isEqualTo("WARNING");
    assertThat(finding.path("dates").toString()).isEqualTo("[\"2024-02-05\",\"2025-08-08\"]");
    assertThat(finding.path("details").path("calendar").asText()).isEqualTo("XNYS");

    assertThat(run("view-issues", "--check", "completeness")).isZero();
    assertThat(out.toString()).contains("SPY     completeness  WARNING   2025-08-11T12:00:00Z  2020-08-10        "
        + "2025-08-08      2            false     {\"missing\": [\"2024-02-05\", \"2025-08-08\"],"
        + " \"calendar\": \"XNYS\"");
  }

  @Test
  void completenessTableEndsWithASummary() {
    spyWithTwoHoles();

    assertThat(run("completeness", "SPY")).isZero();

    assertThat(out.toString())
        .contains("SPY     WARNING   XNYS      2020-08-10..2025-08-08  2        0             2024-02-05 2025-08-08")
        .contains("1 symbols checked: 0 complete, 1 with findings (0 ERROR, 1 WARNING), logged to data_quality_log");
  }

  @Test
  void repairFillsTheHolesAndASecondRunFindsNothingToDo() throws Exception {
    Path complete = spyWithTwoHoles();

    assertThat(run("repair", "SPY", "--from", "2020-01-01", "--to", "2025-12-31", "--path", complete.toString()))
        .isZero();
    assertThat(out.toString())
        .contains("SPY     filled  XNYS      2020-08-10..2025-08-08  2024-02-05 2025-08-08  csv 2")
        .contains("1 symbols (0 failed): 2 sessions filled, 0 still missing (0 backing off, 0 given up)");

    assertThat(run("repair", "--all", "--lookback-days", "30", "--path", complete.toString(), "--format", "json"))
        .isZero();
    JsonNode outcome = JSON.readTree(out.toString()).get(0);
    assertThat(outcome.path("status").asText()).isEqualTo("complete");
    assertThat(outcome.path("window_from").asText()).isEqualTo("2025-07-12");
    assertThat(outcome.path("fetches").asInt()).isZero();

    assertThat(run("completeness", "SPY")).isZero();
    assertThat(out.toString()).contains("1 symbols checked: 1 complete, 0 with findings");
  }

  @Test
  void repairReportsSessionsTheProviderCannotDeliverAndBacksOff() throws Exception {
    spyWithTwoHoles();
    Path withSameHole = SampleHistory.spyWithout(dir.resolve("provider"), "SPY", dates("2025-08-08"));
    run("repair", "SPY", "--path", withSameHole.toString());
    clock.advance(Duration.ofHours(2));

    assertThat(run("repair", "SPY", "--path", withSameHole.toString(), "--format", "json")).isZero();

    JsonNode outcome = JSON.readTree(out.toString()).get(0);
    assertThat(outcome.path("status").asText()).isEqualTo("still_missing");
    assertThat(outcome.path("still_missing").toString()).isEqualTo("[\"2025-08-08\"]");
    assertThat(outcome.path("backing_off").toString()).isEqualTo("[\"2025-08-08\"]");
    assertThat(outcome.path("next_attempt_on").asText()).isEqualTo("2025-08-12");
    assertThat(outcome.path("fetches").asInt()).isZero();
  }

  @Test
  void repairLogsARowItCannotStoreAsAFindingAndFillingTheSessionLaterResolvesIt() throws Exception {
    Path complete = spyWithTwoHoles();
    // The provider's row of 2025-08-08 has high and low swapped.
    Path file = complete;
    String good = Files.readString(file);
    Files.writeString(file, good.replace("2025-08-08 00:00:00-04:00,634.0599975585938,637.6500244140625,"
        + "633.739990234375,", "2025-08-08 00:00:00-04:00,634.0599975585938,633.739990234375,637.6500244140625,"));

    assertThat(run("repair", "SPY", "--path", complete.toString())).isZero();
    assertThat(out.toString()).contains("1 symbols (0 failed): 0 sessions filled, 1 still missing",
        "rows that could not be bars are logged as data-quality findings: datahub view-issues --check ohlc_ingest");
    assertThat(run("view-issues", "--check", "ohlc_ingest", "--unresolved", "--format", "json")).isZero();
    JsonNode open = JSON.readTree(out.toString());
    assertThat(open).hasSize(1);
    assertThat(open.get(0).path("dates").toString()).isEqualTo("[\"2025-08-08\"]");

    Files.writeString(file, good);
    clock.advance(Duration.ofDays(1));
    assertThat(run("repair", "SPY", "--from", "2025-08-01", "--to", "2025-08-08", "--path", complete.toString()))
        .isZero();
    assertThat(out.toString()).contains("1 sessions filled, 0 still missing").doesNotContain("view-issues");
    assertThat(run("view-issues", "--check", "ohlc_ingest", "--format", "json")).isZero();
    JsonNode history = JSON.readTree(out.toString());
    assertThat(history).hasSize(1);
    assertThat(history.get(0).path("resolved_at").asText()).isEqualTo(clock.instant().toString());
  }

  /** The registry's Stooq provider pointed at a loopback server replaying Stooq's recorded SPY file. */
  private static Map<String, String> stooqAt(LoopbackServer stooq) {
    return Map.of("STOOQ_BASE_URL", stooq.baseUrl().toString(), "STOOQ_RATE_LIMIT_PER_MIN", "6000000");
  }

  @Test
  void chainPassesOverStooqsDividendAdjustedBarsAndSaysWhichProviderFilledEachSession() throws Exception {
    Path complete = spyWithTwoHoles();
    try (LoopbackServer stooq = LoopbackServer.start()) {
      stooq.on("/q/d/l/", Reply.fixture("stooq/spy_us_d.csv"));

      assertThat(runWith(stooqAt(stooq), "repair", "SPY", "--from", "2020-01-01", "--to", "2025-12-31",
          "--provider", "stooq,csv", "--path", complete.toString(), "--format", "json")).isZero();

      JsonNode outcome = JSON.readTree(out.toString()).get(0);
      assertThat(outcome.path("status").asText()).isEqualTo("filled");
      assertThat(outcome.path("filled_by").toString()).isEqualTo("{\"csv\":[\"2024-02-05\",\"2025-08-08\"]}");
      // Stooq has both sessions, but dividend-adjusted: it is asked (once per run) and passed over, not stored.
      assertThat(stooq.requests()).hasSize(2);
      assertThat(outcome.path("provider_failures")).hasSize(2).allSatisfy(failure -> assertThat(failure.asText())
          .startsWith("stooq BAD_RESPONSE").contains("dividend-adjusted prices cannot be stored as traded"));
      assertThat(outcome.path("fetches").asInt()).isEqualTo(4);
    }
    assertThat(run("bars", "SPY", "--from", "2024-02-05", "--to", "2024-02-05", "--format", "json")).isZero();
    assertThat(JSON.readTree(out.toString()).get(0).path("source").asText()).isEqualTo("csv");
  }

  @Test
  void stooqAloneCannotRepairAndFailsTheSymbolSayingWhy() {
    spyWithTwoHoles();
    try (LoopbackServer stooq = LoopbackServer.start()) {
      stooq.on("/q/d/l/", Reply.fixture("stooq/spy_us_d.csv"));

      assertThat(runWith(stooqAt(stooq), "repair", "SPY", "--from", "2020-01-01", "--to", "2025-12-31",
          "--provider", "stooq")).isEqualTo(1);
    }
    assertThat(out.toString()).contains("failed").contains("dividend-adjusted prices cannot be stored as traded")
        .contains("0 sessions filled, 2 still missing");
  }

  @Test
  void repairWithoutAFileToReadFromFailsWithOneLine() {
    spyWithTwoHoles();

    assertThat(run("repair", "SPY")).isEqualTo(1);
    assertThat(err.toString()).isEqualToNormalizingNewlines("error: --provider csv needs --path FILE_OR_DIR\n");
  }

  @Test
  void repairOfASymbolWhoseFileIsMissingFailsThatSymbol() {
    spyWithTwoHoles();

    assertThat(run("repair", "SPY", "--path", dir.resolve("nowhere").toString())).isEqualTo(1);
    assertThat(out.toString()).contains("failed").contains("does not exist");
  }

  @Test
  void lookbackAndExplicitDatesCannotBeCombined() {
    assertThat(run("repair", "SPY", "--lookback-days", "5", "--from", "2024-01-01", "--to", "2024-02-01"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("mutually exclusive");
  }
}
