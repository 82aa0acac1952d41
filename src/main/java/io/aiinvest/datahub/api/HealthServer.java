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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} of {@code datahub serve}, on the JDK's HTTP server: 200 with the worker's state as JSON while
 * the database answers, 503 with the same document (and the error) when it does not.
 */
public final class HealthServer implements AutoCloseable {
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
    server.createContext("/health", healthServer::handle);
    server.setExecutor(executor);
    server.start();
    return healthServer;
  }

  public String url() {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getHostString() + ":" + address.getPort() + "/health";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      HealthReport report = health.check();
      byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document(report));
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      int status = report.databaseReachable() ? 200 : 503;
      if (exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (RuntimeException e) {
      LOG.error("health check failed", e);
      byte[] body = ("{\"status\":\"error\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(500, body.length);
      exchange.getResponseBody().write(body);
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
