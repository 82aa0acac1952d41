package io.aiinvest.datahub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.schedule.JobRun;
import io.aiinvest.datahub.schedule.JobTrigger;
import io.aiinvest.datahub.schedule.RunPlan;
import io.aiinvest.datahub.schedule.SymbolResult;
import io.aiinvest.datahub.schedule.JobHistory;
import io.aiinvest.datahub.schedule.jdbc.JobDatabase;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.schedule.HoldServeLock;
import io.aiinvest.datahub.testing.CliRun;
import io.aiinvest.datahub.testing.HolderProcess;
import io.aiinvest.datahub.testing.TestPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datahub jobs} over a real job history. */
class JobsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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

  /** A failed ingest run at Monday's slot, then a quality run still going. */
  private void history() {
    try (PostgresMarketStore store = PostgresMarketStore.open(database.target(), TestPostgres.config(database))) {
      JobHistory history = JobDatabase.of(store).history();
      Instant slot = Instant.parse("2024-03-11T22:00:00Z");
      JobRun ingest = history.plan(new RunPlan("ingest", JobTrigger.SCHEDULE, slot, LocalDate.parse("2024-03-11"),
          slot, List.of(), Optional.of("yahoo")), List.of(new Symbol("AAPL"), new Symbol("MSFT")), 25);
      history.record(ingest.id(), SymbolResult.ok(new Symbol("AAPL"), 1, 0, 0, 0, 0), "w1", slot.plusSeconds(2));
      history.record(ingest.id(), SymbolResult.failed(new Symbol("MSFT"), "yahoo: HTTP 500 after 3 attempts"), "w1",
          slot.plusSeconds(3));
      history.finishIfDone(ingest.id(), slot.plusSeconds(3));
      Instant later = slot.plusSeconds(3 * 3600);
      history.plan(new RunPlan("quality", JobTrigger.SCHEDULE, later, LocalDate.parse("2024-03-11"), later,
          List.of(), Optional.empty()), List.of(new Symbol("AAPL")), 25);
    }
  }

  @Test
  void saysSoWhenNoJobHasRunYet() {
    CliRun table = CliRun.run(env, "jobs");
    CliRun json = CliRun.run(env, "jobs", "--format", "json");

    assertThat(table.exitCode()).isZero();
    assertThat(table.out()).contains("no job runs yet");
    assertThat(json.out().strip()).isEqualTo("[]");
  }

  @Test
  void listsTheLatestRunsNewestFirstAsJson() throws Exception {
    history();

    CliRun run = CliRun.run(env, "jobs", "--format", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode runs = JSON.readTree(run.out());
    assertThat(runs).hasSize(2);
    JsonNode quality = runs.get(0);
    assertThat(quality.path("job").asText()).isEqualTo("quality");
    assertThat(quality.path("status").asText()).isEqualTo("running");
    assertThat(quality.path("ended_at").isNull()).isTrue();
    assertThat(quality.path("provider").isNull()).as("quality reads the store only").isTrue();
    JsonNode ingest = runs.get(1);
    assertThat(ingest.path("job").asText()).isEqualTo("ingest");
    assertThat(ingest.path("trigger").asText()).isEqualTo("schedule");
    assertThat(ingest.path("provider").asText()).isEqualTo("yahoo");
    assertThat(ingest.path("session").asText()).isEqualTo("2024-03-11");
    assertThat(ingest.path("started_at").asText()).isEqualTo("2024-03-11T22:00:00Z");
    assertThat(ingest.path("ended_at").asText()).isEqualTo("2024-03-11T22:00:03Z");
    assertThat(ingest.path("status").asText()).isEqualTo("failed");
    assertThat(ingest.path("symbols_ok").asLong()).isOne();
    assertThat(ingest.path("symbols_failed").asLong()).isOne();
    assertThat(ingest.path("bars_inserted").asLong()).isOne();
    assertThat(ingest.path("error").asText())
        .isEqualTo("1 of 2 symbols failed: MSFT: yahoo: HTTP 500 after 3 attempts");
  }

  @Test
  void lastLimitsTheTable() {
    history();

    CliRun run = CliRun.run(env, "jobs", "--last", "1");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().toList()).hasSize(3);
    assertThat(run.out())
        .startsWith("id  job      trigger   provider  session     started_at            ended_at  status ")
        .contains("quality").doesNotContain("ingest");
    assertThat(CliRun.run(env, "jobs", "--last", "0").err()).contains("--last must be >= 1");
  }

  @Test
  void onAnEmbeddedFileHeldByAWorkerThatDoesNotAnswerItSaysWhich(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hub.duckdb");
    Map<String, String> embedded = Map.of("HOME", dir.toString(), "POSTGRES_URL", "duckdb:" + file);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String address = "http://127.0.0.1:" + closedPort;
    try (HolderProcess worker = HolderProcess.start(HoldServeLock.class, file.toString(), "worker-9", address)) {
      CliRun run = CliRun.run(embedded, "jobs");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).contains("database file " + file + " is in use by datahub serve (worker-9, PID "
          + worker.pid() + "), and its job history did not come from " + address + " either: GET " + address
          + "/jobs?last=20 failed");
    }
  }
}
