package io.aiinvest.datahub.provider.replay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.Symbol;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark harness for {@code datahub bench providers}: a loopback HTTP server that answers Yahoo's chart endpoint
 * for any symbol with synthetic, valid, deterministic weekday bars, each reply held back by a fixed latency to stand
 * in for the network. It is never a data source for real commands, only a target the Yahoo provider can be pointed
 * at through {@link #yahooEnv()}.
 *
 * <p>The latency is served by a scheduler, not by a sleeping thread per request, so the server adds as little CPU
 * of its own as possible to the machine whose overhead the benchmark measures.
 */
public final class ReplayServer implements AutoCloseable {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final LocalTime OPEN = LocalTime.of(9, 30);
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService delays;
  private final Duration latency;
  private final AtomicLong requests = new AtomicLong();

  private ReplayServer(HttpServer server, ExecutorService handlers, ScheduledExecutorService delays, Duration latency) {
    this.server = server;
    this.handlers = handlers;
    this.delays = delays;
    this.latency = latency;
  }

  /** Starts on 127.0.0.1 on a free port. */
  public static ReplayServer start(Duration latency) {
    if (latency.isNegative()) {
      throw new DatahubException("replay latency must be >= 0");
    }
    // The JDK server writes headers and body separately; with Nagle's algorithm on, the body then waits for the
    // client's delayed ACK (~40 ms on Linux), which would double a 50 ms latency and be charged to the hub. The flag
    // is read once per JVM, when the first HttpServer starts, so it holds only if this is the first one; an explicit
    // -Dsun.net.httpserver.nodelay wins.
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
      ExecutorService handlers = Executors.newFixedThreadPool(2, daemon("replay-http"));
      ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(daemon("replay-latency"));
      ReplayServer replay = new ReplayServer(server, handlers, delays, latency);
      server.createContext("/v8/finance/chart/", replay::chart);
      server.setExecutor(handlers);
      server.start();
      return replay;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the replay server on loopback", e);
    }
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  public URI baseUrl() {
    return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
  }

  /**
   * Variables to lay over the environment so that the registry's {@code yahoo} provider talks to this server without
   * rate limiting or retries (the benchmark measures the hub, not a politeness budget).
   */
  public Map<String, String> yahooEnv() {
    return Map.of(
        "YAHOO_BASE_URL", baseUrl().toString(),
        "YAHOO_COOKIE_URL", baseUrl().toString(),
        "YAHOO_CRUMB_BASE_URL", baseUrl().toString(),
        "YAHOO_RATE_LIMIT_PER_MIN", "6000000",
        "YAHOO_MAX_RETRIES", "0");
  }

  public Duration latency() {
    return latency;
  }

  /** Requests answered or in flight since start. */
  public long requestCount() {
    return requests.get();
  }

  private void chart(HttpExchange exchange) {
    long received = System.nanoTime();
    requests.incrementAndGet();
    byte[] body;
    int status;
    try {
      String path = exchange.getRequestURI().getPath();
      Symbol symbol = Symbol.of(URLDecoder.decode(
          path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8));
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      long period1 = Long.parseLong(query.getOrDefault("period1", "0"));
      long period2 = Long.parseLong(query.getOrDefault("period2", "0"));
      body = chartJson(symbol, period1, period2).getBytes(StandardCharsets.UTF_8);
      status = 200;
    } catch (RuntimeException e) {
      body = ("{\"chart\":{\"result\":null,\"error\":{\"code\":\"Bad Request\",\"description\":\""
          + e.getClass().getSimpleName() + "\"}}}").getBytes(StandardCharsets.UTF_8);
      status = 400;
    }
    byte[] reply = body;
    int code = status;
    // The latency runs from when the request was picked up, so the time spent building the reply is part of it
    // rather than added to it and charged to the client.
    long remaining = latency.toNanos() - (System.nanoTime() - received);
    delays.schedule(() -> send(exchange, code, reply), Math.max(0, remaining), TimeUnit.NANOSECONDS);
  }

  private static void send(HttpExchange exchange, int status, byte[] body) {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException e) {
      // The client went away (timeout or shutdown); nothing left to tell it.
    }
  }

  /**
   * Weekday sessions opening within [period1, period2), priced from the symbol's hash: prices in whole cents,
   * low <= open, close <= high, so every row is a valid bar.
   */
  static String chartJson(Symbol symbol, long period1, long period2) {
    StringBuilder timestamps = new StringBuilder();
    StringBuilder open = new StringBuilder();
    StringBuilder high = new StringBuilder();
    StringBuilder low = new StringBuilder();
    StringBuilder close = new StringBuilder();
    StringBuilder volume = new StringBuilder();
    long base = 1_000 + Math.floorMod(symbol.value().hashCode(), 50_000);
    LocalDate first = Instant.ofEpochSecond(Math.max(period1, 0)).atZone(NEW_YORK).toLocalDate();
    for (LocalDate day = first; ; day = day.plusDays(1)) {
      long opensAt = day.atTime(OPEN).atZone(NEW_YORK).toEpochSecond();
      if (opensAt >= period2) {
        break;
      }
      if (opensAt < period1 || day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
        continue;
      }
      long n = day.toEpochDay();
      long o = base + Math.floorMod(n * 37, 200);
      long c = base + Math.floorMod(n * 53, 200);
      String separator = timestamps.length() == 0 ? "" : ",";
      timestamps.append(separator).append(opensAt);
      open.append(separator).append(cents(o));
      high.append(separator).append(cents(Math.max(o, c) + 25));
      low.append(separator).append(cents(Math.min(o, c) - 25));
      close.append(separator).append(cents(c));
      volume.append(separator).append(1_000_000 + Math.floorMod(n * 7919, 500_000));
    }
    return "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"symbol\":\"" + symbol
        + "\",\"exchangeName\":\"NMS\",\"fullExchangeName\":\"NasdaqGS\",\"instrumentType\":\"EQUITY\","
        + "\"gmtoffset\":-18000,\"timezone\":\"EST\",\"exchangeTimezoneName\":\"America/New_York\","
        + "\"dataGranularity\":\"1d\"},\"timestamp\":[" + timestamps + "],\"indicators\":{\"quote\":[{\"open\":["
        + open + "],\"high\":[" + high + "],\"low\":[" + low + "],\"close\":[" + close + "],\"volume\":[" + volume
        + "]}],\"adjclose\":[{\"adjclose\":[" + close + "]}]}}],\"error\":null}}";
  }

  private static String cents(long value) {
    return value / 100 + "." + (value % 100 < 10 ? "0" : "") + value % 100;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
    delays.shutdownNow();
    handlers.shutdownNow();
  }
}
