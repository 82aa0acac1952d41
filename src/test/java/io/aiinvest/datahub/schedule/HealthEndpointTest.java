package io.aiinvest.datahub.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.api.HealthServer;
import io.aiinvest.datahub.schedule.jdbc.JobDatabase;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.testing.Await;
import io.aiinvest.datahub.testing.TickingClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /health} of a running worker: 200 with each job's state, 503 once its database is gone. */
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
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url()))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(10))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void reportsEachJobsLastRunAndNextSlotAndAnswers503WithoutTheDatabase() throws Exception {
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
    server = HealthServer.start("127.0.0.1", 0, health, harness.history);

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
}
