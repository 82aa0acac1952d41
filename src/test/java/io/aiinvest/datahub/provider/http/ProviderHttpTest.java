package io.aiinvest.datahub.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderException.Kind;
import io.aiinvest.datahub.provider.testing.FastSettings;
import io.aiinvest.datahub.provider.testing.LoopbackServer;
import io.aiinvest.datahub.provider.testing.LoopbackServer.Reply;
import io.aiinvest.datahub.testing.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProviderHttpTest {
  private static final String KEY = "Sekrit-Key-123";

  private LoopbackServer server;
  private HttpClient client;

  @BeforeEach
  void start() {
    server = LoopbackServer.start();
    client = FastSettings.client();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ProviderHttp http(ProviderSettings settings) {
    return new ProviderHttp(settings, client);
  }

  private ProviderHttp http() {
    return http(FastSettings.of("test", server.baseUrl(), Optional.of(KEY)));
  }

  private URI uri(String path) {
    return URI.create(server.baseUrl() + path);
  }

  /** The time between the server receiving the first and the second (and last) request. */
  private Duration gapBetweenTheTwoRequests() {
    assertThat(server.requests()).hasSize(2);
    return Duration.ofNanos(server.requests().get(1).receivedNanos() - server.requests().get(0).receivedNanos());
  }

  @Test
  void returnsSuccessfulReplyWithBodyAndStatus() {
    server.on("/ok", Reply.json("{\"a\":1}"));

    HttpReply reply = http().get(uri("/ok"), Map.of("User-Agent", "probe"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("{\"a\":1}");
    assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.header("User-Agent")).isEqualTo("probe"));
  }

  @Test
  void waitsForRetryAfterOn429ThenSucceeds() {
    server.on("/limited", Reply.status(429).withHeader("Retry-After", "1"), Reply.json("{}"));

    HttpReply reply = http().get(uri("/limited"), Map.of());

    assertThat(reply.status()).isEqualTo(200);
    // The configured backoff is 1-5 ms, so only the server's Retry-After explains a wait of a second.
    assertThat(gapBetweenTheTwoRequests()).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void waitsUntilRetryAfterHttpDateOn503ThenSucceeds() {
    // RFC 9110's example date, one second after the injected clock.
    SettableClock clock = new SettableClock(Instant.parse("2015-10-21T07:27:59Z"));
    server.on("/busy", Reply.status(503).withHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"), Reply.json("{}"));
    ProviderHttp http = new ProviderHttp(FastSettings.of("test", server.baseUrl()), client, clock);

    HttpReply reply = http.get(uri("/busy"), Map.of());

    assertThat(reply.status()).isEqualTo(200);
    // The configured backoff is 1-5 ms; only the date, read against the injected clock, explains a second's wait.
    assertThat(gapBetweenTheTwoRequests()).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void retryAfterHttpDateFurtherAheadThanTheHubWaitsFailsAtOnce() {
    SettableClock clock = new SettableClock(Instant.parse("2015-10-21T06:28:00Z"));
    server.on("/limited", Reply.status(429).withHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"));
    ProviderHttp http = new ProviderHttp(FastSettings.of("test", server.baseUrl()), client, clock);

    assertThatThrownBy(() -> http.get(uri("/limited"), Map.of()))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED))
        .hasMessageContaining("retry after 3600 s (Retry-After: Wed, 21 Oct 2015 07:28:00 GMT)");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void retries500ThenSucceeds() {
    server.on("/flaky", Reply.status(500), Reply.json("{}"));

    assertThat(http().get(uri("/flaky"), Map.of()).status()).isEqualTo(200);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void retriesDroppedConnectionThenSucceeds() {
    server.on("/reset", Reply.drop(), Reply.json("{}"));

    assertThat(http().get(uri("/reset"), Map.of()).status()).isEqualTo(200);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void hangingServerTimesOutOnEveryAttemptAndEndsUnavailable() {
    server.on("/hang", Reply.hang());
    ProviderHttp http = http(FastSettings.of("test", server.baseUrl()).withTimeout(Duration.ofMillis(200)));

    assertThatThrownBy(() -> http.get(uri("/hang"), Map.of()))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
        .hasMessageContaining("timed out after 200 ms")
        .hasMessageContaining("gave up after 3 attempts");
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void doesNotRetryOther4xxAndHandsThemBack() {
    server.on("/missing", Reply.json(404, "{\"error\":\"nope\"}"));

    HttpReply reply = http().get(uri("/missing"), Map.of());

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.isSuccess()).isFalse();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void persistent429EndsRateLimitedAfterAllAttempts() {
    server.on("/limited", Reply.status(429));

    assertThatThrownBy(() -> http().get(uri("/limited"), Map.of()))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED))
        .hasMessageContaining("HTTP 429");
    assertThat(server.requests()).hasSize(FastSettings.BACKOFF.maxAttempts());
  }

  @Test
  void retryAfterLongerThanTheHubWaitsFailsAtOnce() {
    server.on("/limited", Reply.status(429).withHeader("Retry-After", "3600"));

    assertThatThrownBy(() -> http().get(uri("/limited"), Map.of()))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED))
        .hasMessageContaining("retry after 3600 s");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void retriesThrottleRepliesThatArriveWith200() {
    server.on("/soft", Reply.json("{\"Note\":\"slow down\"}"), Reply.json("{\"data\":1}"));

    HttpReply reply = http().get(
        uri("/soft"), Map.of(), r -> r.body().contains("Note") ? Optional.of("slow down") : Optional.empty());

    assertThat(reply.body()).isEqualTo("{\"data\":1}");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void circuitBreakerOpensAfterRepeatedFailuresAndThenFailsFastWithoutCalling() {
    server.on("/down", Reply.status(503));
    ProviderHttp http = http(FastSettings.of("test", server.baseUrl())
        .withBackoff(new Backoff(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
        .withCircuit(new ProviderSettings.Circuit(4, 4, Duration.ofMinutes(5))));
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> http.get(uri("/down"), Map.of()))
          .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
          .hasMessageContaining("HTTP 503");
    }
    assertThat(http.isAvailable()).isFalse();

    assertThatThrownBy(() -> http.get(uri("/down"), Map.of()))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
        .hasMessageContaining("circuit breaker open");
    assertThat(server.requests()).hasSize(4);
  }

  @Test
  void throttlingDoesNotOpenTheCircuitBreaker() {
    server.on("/limited", Reply.status(429));
    ProviderHttp http = http(FastSettings.of("test", server.baseUrl())
        .withBackoff(new Backoff(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
        .withCircuit(new ProviderSettings.Circuit(2, 2, Duration.ofMinutes(5))));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> http.get(uri("/limited"), Map.of())).isInstanceOf(ProviderException.class);
    }

    assertThat(http.isAvailable()).isTrue();
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void dailyCapRefusesWithoutCallingOnceUsedUp() {
    server.on("/q", Reply.json("{}"));
    ProviderHttp http = http(
        FastSettings.of("test", server.baseUrl()).withLimits(6_000_000, 2, Duration.ofSeconds(1)));
    http.get(uri("/q"), Map.of());
    http.get(uri("/q"), Map.of());

    assertThatThrownBy(() -> http.get(uri("/q"), Map.of()))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED))
        .hasMessageContaining("daily request cap of 2");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void perMinuteLimitSpacesRequestsEvenly() {
    server.on("/q", Reply.json("{}"));
    long created = System.nanoTime();
    // 1,200/min is one permit every 50 ms from the limiter's creation: the sixth call cannot start before 250 ms.
    ProviderHttp http = http(FastSettings.of("test", server.baseUrl()).withLimits(1_200, 0, Duration.ofSeconds(5)));
    for (int i = 0; i < 6; i++) {
      http.get(uri("/q"), Map.of());
    }

    long sixth = server.requests().get(5).receivedNanos() - created;
    assertThat(Duration.ofNanos(sixth)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
  }

  @Test
  void apiKeyNeverAppearsInErrorsOrLogs() {
    server.on("/down", Reply.status(500));
    Logger logger = (Logger) LoggerFactory.getLogger(ProviderHttp.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    Level before = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    try {
      assertThatThrownBy(() -> http().get(uri("/down?function=X&apikey=" + KEY), Map.of()))
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("apikey=***")
          .hasMessageNotContaining(KEY);
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(before);
    }

    assertThat(appender.list).isNotEmpty();
    assertThat(appender.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(KEY));
    assertThat(server.requests().get(0).query()).containsEntry("apikey", KEY);
  }
}
