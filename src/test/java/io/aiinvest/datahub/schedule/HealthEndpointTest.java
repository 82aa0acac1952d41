package io.aiinvest.datahub.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.api.HealthServer;
import io.aiinvest.datahub.schedule.jdbc.JobDatabase;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.testing.Await;
import io.aiinvest.datahub.testing.CliRun;
import io.aiinvest.datahub.testing.TestPostgres;
import io.aiinvest.datahub.testing.TickingClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /health} of a running worker: 200 with each job's state, 503 once its database is gone; and
 * {@code GET /jobs}, the history as {@code datahub jobs --format json} prints it.
 */
class HealthEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WorkerHarness harness = new WorkerHarness();
  private final HttpClient client = HttpClient.newHttpClient();
  private HealthServer server;
  private WorkerHealth health;

  @AfterEach
  void close() throws Exception {
    server.close();
    health.close();
    harness.close();
  }

  private HttpResponse<String> get(String method) throws Exception {
    return get(method, "/health");
  }

  private HttpResponse<String> get(String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(server.address().resolve(path))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(10))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Worker w1 with two jobs, after their run-now runs, its endpoints listening (1 s for the database). */
  private Worker serving() {
    harness.addSymbols(2);
    TickingClock clock = new TickingClock(Instant.parse("2024-03-12T12:00:00Z"));
    MarketStore store = harness.openStore();
    List<DailyJob> jobs = List.of(new OkJob("ingest"), new OkJob("quality"));
    Worker worker = harness.worker(WorkerHarness.settings("w1", jobs, LocalTime.of(18, 0), true, 1, 10), store, clock,
        jobs);
    worker.start();
    Await.until("both run-now runs", () -> harness.history.latest(10),
        runs -> runs.size() == 2 && runs.stream().allMatch(JobRun::finished), Duration.ofSeconds(20));
    health = new WorkerHealth(JobDatabase.of(store).dataSource(), store.describe(), harness.history, worker, clock,
        Duration.ofSeconds(1));
    server = HealthServer.start("127.0.0.1", 0, health);
    return worker;
  }

  @Test
  void reportsEachJobsLastRunAndNextSlotAndAnswers503WithoutTheDatabase() throws Exception {
    Worker worker = serving();

    HttpResponse<String> ok = get("GET");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
    JsonNode body = JSON.readTree(ok.body());
    assertThat(body.path("status").asText()).isEqualTo("ok");
    assertThat(body.path("worker").asText()).isEqualTo("w1");
    assertThat(body.path("database").path("reachable").asBoolean()).isTrue();
    assertThat(body.path("jobs")).hasSize(2);
    JsonNode ingest = body.path("jobs").get(0);
    assertThat(ingest.path("job").asText()).isEqualTo("ingest");
    assertThat(ingest.path("next_run").asText()).isEqualTo("2024-03-12T22:00:00Z");
    assertThat(ingest.path("last_run").path("status").asText()).isEqualTo("succeeded");
    assertThat(ingest.path("last_run").path("trigger").asText()).isEqualTo("run-now");
    assertThat(ingest.path("last_run").path("symbols_ok").asLong()).isEqualTo(2);
    assertThat(get("POST").statusCode()).isEqualTo(405);

    worker.close();
    harness.postgres().close();

    HttpResponse<String> down = get("GET");
    assertThat(down.statusCode()).isEqualTo(503);
    JsonNode unavailable = JSON.readTree(down.body());
    assertThat(unavailable.path("status").asText()).isEqualTo("unavailable");
    assertThat(unavailable.path("database").path("reachable").asBoolean()).isFalse();
    assertThat(unavailable.path("database").path("error").asText()).isNotBlank();
    // The jobs as last seen stay in the answer, dated.
    assertThat(unavailable.path("jobs")).hasSize(2);
    assertThat(unavailable.path("jobs_as_of").isTextual()).isTrue();
  }

  @Test
  void servesTheLatestRunsAsDatahubJobsPrintsThemAnd503WithoutTheDatabase() throws Exception {
    Worker worker = serving();
    Map<String, String> env = TestPostgres.env(harness.postgres());

    HttpResponse<String> latest = get("GET", "/jobs?last=1");
    assertThat(latest.statusCode()).isEqualTo(200);
    assertThat(latest.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
    assertThat(latest.body()).isEqualTo(CliRun.run(env, "jobs", "--last", "1", "--format", "json").out().strip());
    JsonNode quality = JSON.readTree(latest.body());
    assertThat(quality).hasSize(1);
    assertThat(quality.get(0).path("job").asText()).isEqualTo("quality");
    assertThat(quality.get(0).path("symbols_ok").asLong()).isEqualTo(2);
    HttpResponse<String> all = get("GET", "/jobs");
    assertThat(all.body()).as("20 by default, as datahub jobs")
        .isEqualTo(CliRun.run(env, "jobs", "--format", "json").out().strip());
    assertThat(JSON.readTree(all.body())).hasSize(2);

    for (String bad : List.of("/jobs?last=0", "/jobs?last=x", "/jobs?last=")) {
      HttpResponse<String> refused = get("GET", bad);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(JSON.readTree(refused.body()).path("error").asText()).contains("last must be a whole number >= 1");
    }
    assertThat(get("GET", "/jobs/1").statusCode()).isEqualTo(404);
    assertThat(get("POST", "/jobs").statusCode()).isEqualTo(405);

    worker.close();
    harness.postgres().close();
    HttpResponse<String> down = get("GET", "/jobs?last=1");
    assertThat(down.statusCode()).isEqualTo(503);
    // The database's own error, or no answer within the time limit (1 s here), depending on how it goes away.
    assertThat(JSON.readTree(down.body()).path("error").asText()).isNotBlank();
  }
}
