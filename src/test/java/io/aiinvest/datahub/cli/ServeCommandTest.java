package io.aiinvest.datahub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.Session;
import io.aiinvest.datahub.calendar.TradingCalendar;
import io.aiinvest.datahub.schedule.InstanceLock;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.Await;
import io.aiinvest.datahub.testing.CliRun;
import io.aiinvest.datahub.testing.TestPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code datahub serve} as an operator runs it: a separate JVM on the real clock, stopped with SIGTERM. It runs the
 * four jobs at start from a directory of CSV files, answers {@code GET /health}, logs JSON lines naming job, provider
 * and symbol, and exits within 30 s of the signal.
 */
class ServeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HEALTH_URL = Pattern.compile("health (http://\\S+/health)");

  @TempDir Path dir;

  private ScratchDatabase database;
  private Map<String, String> env;
  private Process serve;

  @BeforeEach
  void create() {
    database = TestPostgres.scratch();
    env = TestPostgres.env(database);
  }

  @AfterEach
  void drop() throws InterruptedException {
    if (serve != null && serve.isAlive()) {
      serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    database.close();
  }

  /** Stooq-layout files with a bar on each of the last 40 sessions, so every job finds data in its window. */
  private Path csvDirectory(List<String> symbols) throws IOException {
    TradingCalendar xnys = CalendarRegistry.loadBundled().get("XNYS");
    LocalDate last = xnys.lastCompletedSession(Clock.systemUTC()).date();
    List<Session> sessions = xnys.sessions(last.minusDays(60), last);
    Path data = Files.createDirectory(dir.resolve("eod"));
    for (String symbol : symbols) {
      StringBuilder csv = new StringBuilder("Date,Open,High,Low,Close,Volume\n");
      sessions.subList(sessions.size() - 40, sessions.size())
          .forEach(s -> csv.append(s.date()).append(",10,11,9.5,10.5,1000\n"));
      Files.writeString(data.resolve(symbol + ".csv"), csv);
    }
    return data;
  }

  private Process start(Path data) throws IOException {
    return start(data, env);
  }

  /** {@code serve --run-now} from the CSV files in a JVM of its own, with the environment given. */
  private Process start(Path data, Map<String, String> environment) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java,
        "-cp", System.getProperty("java.class.path"),
        "-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath(),
        DatahubCommand.class.getName(),
        "serve", "--run-now", "--port", "0", "--provider", "csv", "--path", data.toString(), "--log-format", "json");
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.environment().put("WORKER_NAME", "serve-test");
    builder.redirectError(dir.resolve("stderr.log").toFile());
    return builder.start();
  }

  private List<JsonNode> runs() {
    return runs(env);
  }

  private static List<JsonNode> runs(Map<String, String> environment) {
    try {
      CliRun jobs = CliRun.run(environment, "jobs", "--format", "json");
      List<JsonNode> runs = new ArrayList<>();
      JSON.readTree(jobs.out()).forEach(runs::add);
      return runs;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void runsTheFourJobsAnswersHealthLogsJsonAndStopsOnSigterm() throws Exception {
    CliRun.run(env, "init");
    CliRun.run(env, "add-symbol", "AAA", "--exchange", "NYSE");
    CliRun.run(env, "add-symbol", "BBB", "--exchange", "NYSE");
    serve = start(csvDirectory(List.of("AAA", "BBB")));

    BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    String banner = out.readLine();
    assertThat(banner).as("first line of stdout").isNotNull().contains("worker serve-test");
    Matcher url = HEALTH_URL.matcher(banner);
    assertThat(url.find()).as(banner).isTrue();

    List<JsonNode> runs = Await.until("the four run-now runs", this::runs,
        all -> all.size() == 4 && all.stream().allMatch(r -> r.path("ended_at").isTextual()), Duration.ofSeconds(60));
    assertThat(runs).extracting(r -> r.path("job").asText())
        .containsExactly("quality", "corporate-actions", "repair", "ingest");
    assertThat(runs).allSatisfy(r -> assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("succeeded"));
    assertThat(runs.get(3).path("bars_inserted").asLong()).isEqualTo(80);

    HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url.group(1))).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(health.body());
    assertThat(body.path("jobs")).hasSize(4);
    assertThat(body.path("jobs").get(0).path("last_run").path("status").asText()).isEqualTo("succeeded");

    long signalled = System.nanoTime();
    serve.destroy();
    assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s of SIGTERM").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(30));
    assertThat(serve.exitValue()).isEqualTo(143);

    List<String> lines = Files.readAllLines(dir.resolve("stderr.log"));
    List<JsonNode> logs = new ArrayList<>();
    for (String line : lines) {
      logs.add(JSON.readTree(line));
    }
    assertThat(logs).isNotEmpty().allSatisfy(log -> assertThat(log.has("level")).isTrue());
    List<JsonNode> symbolLines = logs.stream().filter(log -> log.path("mdc").has("symbol")).toList();
    assertThat(symbolLines).isNotEmpty().allSatisfy(log -> {
      assertThat(log.path("mdc").path("job").asText()).isNotEmpty();
      assertThat(log.path("mdc").has("run")).isTrue();
    });
    assertThat(symbolLines).anySatisfy(log -> {
      assertThat(log.path("mdc").path("job").asText()).isEqualTo("ingest");
      assertThat(log.path("mdc").path("provider").asText()).isEqualTo("csv");
      assertThat(log.path("mdc").path("symbol").asText()).isEqualTo("AAA");
    });
    assertThat(logs).anySatisfy(log -> assertThat(log.path("formattedMessage").asText()).isEqualTo(
        "shutdown complete"));
  }

  /**
   * The health document, 200 or 503 alike: its {@code status} says which, and a 503 names the database's error. On a
   * loaded machine a check can miss its 3 s limit (seen once in a run of several serve tests), which a wait rides out.
   */
  private static JsonNode health(String url) {
    try {
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).as(health.body()).isIn(200, 503);
      return JSON.readTree(health.body());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void runsOneWorkerOnAnEmbeddedFileRefusingASecondAndServesItsHistoryMeanwhile() throws Exception {
    // No database configured: the embedded default, DATAHUB_HOME/datahub.duckdb.
    Path file = dir.resolve("home").resolve("datahub.duckdb");
    Map<String, String> embedded = Map.of("DATAHUB_HOME", dir.resolve("home").toString(), "HOME", dir.toString());
    CliRun.run(embedded, "add-symbol", "AAA", "--exchange", "NYSE");
    CliRun.run(embedded, "add-symbol", "BBB", "--exchange", "NYSE");
    serve = start(csvDirectory(List.of("AAA", "BBB")), embedded);

    BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    String banner = out.readLine();
    assertThat(banner).as("first line of stdout").isNotNull().contains("worker serve-test on duckdb:" + file);
    Matcher url = HEALTH_URL.matcher(banner);
    assertThat(url.find()).as(banner).isTrue();
    JsonNode jobs = Await.until("the four run-now runs", () -> health(url.group(1)),
        health -> health.path("status").asText().equals("ok") && health.path("jobs").size() == 4
            && StreamSupport.stream(health.path("jobs").spliterator(), false)
                .allMatch(job -> job.path("last_run").path("ended_at").isTextual()),
        Duration.ofSeconds(60)).path("jobs");
    assertThat(jobs).allSatisfy(job -> assertThat(job.path("last_run").path("status").asText()).isEqualTo("succeeded"));

    // A second worker, and any other command, is kept off the file while the first runs, told which worker has it.
    String holder = "serve-test, PID " + serve.pid();
    CliRun second = CliRun.run(embedded, "serve", "--port", "0");
    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err()).contains("another datahub serve (" + holder + ") is already running on the embedded"
        + " database " + file + " (lock " + file + ".serve.lock)");
    CliRun busy = CliRun.run(embedded, "list-symbols");
    assertThat(busy.exitCode()).isEqualTo(1);
    assertThat(busy.err()).contains("database file " + file + " is in use by datahub serve (" + holder + ")")
        .contains("'datahub jobs' reads the job history from the worker meanwhile");
    // The job history comes from the worker's GET /jobs, whose address the lock file gives.
    String address = url.group(1).substring(0, url.group(1).length() - "/health".length());
    Path lockFile = InstanceLock.lockFile(file);
    assertThat(Files.readString(lockFile)).isEqualTo(holder + "\n" + address + "\n");
    CliRun jsonWhileServing = CliRun.run(embedded, "jobs", "--format", "json");
    assertThat(jsonWhileServing.exitCode()).as(jsonWhileServing.err()).isZero();
    assertThat(jsonWhileServing.err()).isEqualTo("jobs: from datahub serve (" + holder + ") at " + address
        + "/jobs?last=20, which holds " + file + "\n");
    CliRun tableWhileServing = CliRun.run(embedded, "jobs", "--last", "2");
    assertThat(tableWhileServing.exitCode()).as(tableWhileServing.err()).isZero();

    serve.destroy();
    assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s of SIGTERM").isTrue();
    assertThat(serve.exitValue()).isEqualTo(143);
    assertThat(Files.readAllLines(dir.resolve("stderr.log"))).noneMatch(line -> line.contains("\"level\":\"ERROR\""));
    assertThat(Files.readString(lockFile)).as("the address taken back as the endpoints closed")
        .isEqualTo(holder + "\n");

    // Read from the file now, the same as the worker served it.
    CliRun json = CliRun.run(embedded, "jobs", "--format", "json");
    assertThat(json.err()).isEmpty();
    assertThat(json.out()).isEqualTo(jsonWhileServing.out());
    assertThat(CliRun.run(embedded, "jobs", "--last", "2").out()).isEqualTo(tableWhileServing.out());
    List<JsonNode> runs = runs(embedded);
    assertThat(runs).extracting(r -> r.path("job").asText())
        .containsExactly("quality", "corporate-actions", "repair", "ingest");
    assertThat(runs).allSatisfy(r -> assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("succeeded"));
    assertThat(runs).extracting(r -> r.path("provider").isNull() ? null : r.path("provider").asText())
        .containsExactly(null, "csv", "csv", "csv");
    assertThat(runs.get(3).path("bars_inserted").asLong()).isEqualTo(80);
    CliRun table = CliRun.run(embedded, "jobs", "--last", "1");
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out().lines().toList()).hasSize(3);
    assertThat(table.out()).startsWith("id  job      trigger  provider  session ").contains("quality", "succeeded");
    assertThat(CliRun.run(embedded, "jobs", "--last", "2").out()).contains("corporate-actions  run-now  csv ");
  }
}
