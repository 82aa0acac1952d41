package io.aiinvest.datahub.provider.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scripted HTTP server on 127.0.0.1 for provider tests: replies are queued per path prefix and served in order,
 * the last one repeating; every request is recorded. Faults: {@link Reply#hang()} holds the connection until the
 * server closes, {@link Reply#drop()} closes it without an answer.
 */
public final class LoopbackServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Map<String, Deque<Reply>> script = new LinkedHashMap<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();

  /** One request as the server saw it. */
  public record Recorded(String path, Map<String, String> query, Headers headers, long receivedNanos) {
    public String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** A scripted answer. */
  public record Reply(int status, Map<String, String> headers, byte[] body, Mode mode) {
    enum Mode { ANSWER, HANG, DROP }

    public static Reply json(int status, String body) {
      return new Reply(status, Map.of("Content-Type", "application/json;charset=utf-8"),
          body.getBytes(StandardCharsets.UTF_8), Mode.ANSWER);
    }

    public static Reply json(String body) {
      return json(200, body);
    }

    public static Reply text(int status, String contentType, String body) {
      return new Reply(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8),
          Mode.ANSWER);
    }

    /** A recorded body from {@code src/test/resources/fixtures/}. */
    public static Reply fixture(int status, String path) {
      String contentType = path.endsWith(".csv") ? "text/csv" : "application/json;charset=utf-8";
      return new Reply(status, Map.of("Content-Type", contentType), Fixtures.bytes(path), Mode.ANSWER);
    }

    public static Reply fixture(String path) {
      return fixture(200, path);
    }

    public static Reply status(int status) {
      return text(status, "text/plain", "status " + status);
    }

    public static Reply hang() {
      return new Reply(200, Map.of(), new byte[0], Mode.HANG);
    }

    public static Reply drop() {
      return new Reply(0, Map.of(), new byte[0], Mode.DROP);
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Reply(status, more, body, mode);
    }
  }

  private LoopbackServer(HttpServer server) {
    this.server = server;
  }

  public static LoopbackServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      LoopbackServer loopback = new LoopbackServer(server);
      server.createContext("/", loopback::handle);
      server.setExecutor(loopback.executor);
      server.start();
      return loopback;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Queues replies for requests whose path starts with {@code pathPrefix}; the longest matching prefix wins. */
  public synchronized LoopbackServer on(String pathPrefix, Reply... replies) {
    script.computeIfAbsent(pathPrefix, p -> new ArrayDeque<>()).addAll(List.of(replies));
    return this;
  }

  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  public List<Recorded> requests(String pathPrefix) {
    return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
  }

  private synchronized Reply next(String path) {
    String best = null;
    for (String prefix : script.keySet()) {
      if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    if (best == null) {
      return Reply.text(599, "text/plain", "no scripted reply for " + path);
    }
    Deque<Reply> queue = script.get(best);
    return queue.size() > 1 ? queue.poll() : queue.peek();
  }

  private void handle(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    requests.add(new Recorded(uri.getPath(), query(uri.getRawQuery()), exchange.getRequestHeaders(), System.nanoTime()));
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
    }
    Reply reply = next(uri.getPath());
    switch (reply.mode()) {
      case HANG -> {
        try {
          closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exchange.close();
      }
      case DROP -> exchange.close();
      case ANSWER -> {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply.body());
        }
      }
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  /** Recorded responses under {@code src/test/resources/fixtures/}. */
  public static final class Fixtures {
    private Fixtures() {}

    public static byte[] bytes(String path) {
      try (InputStream in = LoopbackServer.class.getResourceAsStream("/fixtures/" + path)) {
        if (in == null) {
          throw new IllegalArgumentException("no fixture " + path);
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public static String text(String path) {
      return new String(bytes(path), StandardCharsets.UTF_8);
    }
  }

  /** Every recorded request's path, in order, for asserting how many attempts were made. */
  public List<String> paths() {
    List<String> paths = new ArrayList<>();
    requests.forEach(r -> paths.add(r.path()));
    return paths;
  }
}
