package io.aiinvest.datahub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.schedule.HealthReport;
import io.aiinvest.datahub.schedule.JobRun;
import io.aiinvest.datahub.schedule.WorkerHealth;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoints of {@code datahub serve}, on the JDK's HTTP server:
 *
 * <ul>
 *   <li>{@code GET /health}: 200 with the worker's state as JSON while the database answers, 503 with the same
 *       document (and the error) when it does not;
 *   <li>{@code GET /jobs?last=N}: the latest N runs of the job history (default {@value #DEFAULT_LAST}), newest
 *       first, as {@code datahub jobs --format json} prints them ({@link JobRunJson}); 400 for a bad N, 503 when the
 *       database fails or does not answer within {@link WorkerHealth#TIMEOUT}. {@code datahub jobs} reads it when
 *       the worker holds the embedded file.
 * </ul>
 */
public final class HealthServer implements AutoCloseable {
  /** Runs {@code GET /jobs} gives without {@code last}, as {@code datahub jobs} does without {@code --last}. */
  public static final int DEFAULT_LAST = 20;

  private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final WorkerHealth health;

  private HealthServer(HttpServer server, ExecutorService executor, WorkerHealth health) {
    this.server = server;
    this.executor = executor;
    this.health = health;
  }

  /** Listens on {@code host:port} (port 0 picks a free one). */
  public static HealthServer start(String host, int port, WorkerHealth health) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new DatahubException("cannot listen for health checks on " + host + ":" + port + ": " + e.getMessage()
          + " (set --port or HEALTH_PORT to a free port)", e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "datahub-health-http");
      thread.setDaemon(true);
      return thread;
    });
    HealthServer healthServer = new HealthServer(server, executor, health);
    server.createContext("/health", healthServer::health);
    server.createContext("/jobs", healthServer::jobs);
    server.setExecutor(executor);
    server.start();
    return healthServer;
  }

  public String url() {
    return address() + "/health";
  }

  /**
   * Where a client on this machine reaches the endpoints, {@code http://127.0.0.1:8080}: the address listened on, or
   * loopback when that is the wildcard address.
   */
  public URI address() {
    InetSocketAddress bound = server.getAddress();
    InetAddress host = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound.getAddress();
    String name = host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
    return URI.create("http://" + name + ":" + bound.getPort());
  }

  private void health(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!readOnly(exchange)) {
        return;
      }
      HealthReport report = health.check();
      send(exchange, report.databaseReachable() ? 200 : 503,
          JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document(report)));
    } catch (RuntimeException e) {
      LOG.error("health check failed", e);
      send(exchange, 500, "{\"status\":\"error\"}".getBytes(StandardCharsets.UTF_8));
    }
  }

  private void jobs(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals("/jobs")) {
        send(exchange, 404, error("no such resource: " + exchange.getRequestURI().getPath()));
        return;
      }
      if (!readOnly(exchange)) {
        return;
      }
      Optional<Integer> last = last(exchange.getRequestURI().getRawQuery());
      if (last.isEmpty()) {
        send(exchange, 400, error("last must be a whole number >= 1, as in /jobs?last=20"));
        return;
      }
      List<JobRun> runs;
      try {
        runs = health.latestRuns(last.get());
      } catch (DatahubException e) {
        LOG.warn("GET /jobs: {}", e.getMessage());
        send(exchange, 503, error(e.getMessage()));
        return;
      }
      send(exchange, 200, JSON.writeValueAsBytes(JobRunJson.array(runs)));
    } catch (RuntimeException e) {
      LOG.error("GET /jobs failed", e);
      send(exchange, 500, error("unexpected " + e));
    }
  }

  /** The {@code last} parameter: {@value #DEFAULT_LAST} when absent, empty when it is not a count of runs. */
  static Optional<Integer> last(String rawQuery) {
    String value = null;
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (pair.startsWith("last=")) {
          value = URLDecoder.decode(pair.substring("last=".length()), StandardCharsets.UTF_8);
        }
      }
    }
    if (value == null) {
      return Optional.of(DEFAULT_LAST);
    }
    try {
      int last = Integer.parseInt(value.strip());
      return last >= 1 ? Optional.of(last) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Answers 405 to anything but GET and HEAD; true when the request is one of those. */
  private static boolean readOnly(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    exchange.sendResponseHeaders(405, -1);
    return false;
  }

  private static byte[] error(String message) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", message);
    return JSON.writeValueAsBytes(body);
  }

  /** A JSON answer; headers only for HEAD. */
  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static ObjectNode document(HealthReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("status", report.databaseReachable() ? "ok" : "unavailable");
    root.put("worker", report.worker());
    root.put("checked_at", report.checkedAt().toString());
    ObjectNode database = root.putObject("database");
    database.put("reachable", report.databaseReachable());
    database.put("target", report.database());
    report.databaseError().ifPresent(error -> database.put("error", error));
    putInstant(root, "jobs_as_of", report.jobsAsOf());
    ArrayNode jobs = root.putArray("jobs");
    for (HealthReport.JobHealth job : report.jobs()) {
      ObjectNode node = jobs.addObject();
      node.put("job", job.job());
      putInstant(node, "next_run", job.nextRun());
      if (job.lastRun().isEmpty()) {
        node.putNull("last_run");
      } else {
        JobRun run = job.lastRun().get();
        ObjectNode last = node.putObject("last_run");
        last.put("id", run.id());
        last.put("status", run.status().label());
        last.put("trigger", run.trigger().label());
        last.put("provider", run.provider().orElse(null));
        last.put("session", run.session().toString());
        last.put("started_at", run.startedAt().toString());
        putInstant(last, "ended_at", run.endedAt());
        last.put("symbols_total", run.symbolsTotal());
        last.put("symbols_ok", run.counts().symbolsOk());
        last.put("symbols_failed", run.counts().symbolsFailed());
        last.put("bars_inserted", run.counts().barsInserted());
        last.put("bars_updated", run.counts().barsUpdated());
        last.put("actions_inserted", run.counts().actionsInserted());
        last.put("actions_revised", run.counts().actionsRevised());
        last.put("findings", run.counts().findings());
        last.put("error", run.error().orElse(null));
      }
    }
    return root;
  }

  private static void putInstant(ObjectNode node, String field, Optional<Instant> value) {
    if (value.isPresent()) {
      node.put(field, value.get().toString());
    } else {
      node.putNull(field);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
