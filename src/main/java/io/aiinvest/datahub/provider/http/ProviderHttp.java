package io.aiinvest.datahub.provider.http;

import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderException.Kind;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET requests to one provider through its rate limit, retries and circuit breaker (Resilience4j), on a shared JDK
 * {@link HttpClient}. One instance per provider, shared by all workers.
 *
 * <p>Retried: 429, 5xx, timeouts, connection failures, and 200 replies that the provider's throttle signal
 * recognises (Alpha Vantage's {@code Note}). Not retried: every other 4xx, which is returned to the provider to
 * interpret. A {@code Retry-After} (seconds or an HTTP date, read against the injected clock) replaces the computed
 * wait; one longer than {@link Backoff#maxRetryAfter()} fails at once. Out of retries: {@link Kind#RATE_LIMITED} or
 * {@link Kind#UNAVAILABLE}. Breaker open: {@link Kind#UNAVAILABLE} without a request. Messages and logs show URLs
 * with credentials masked.
 */
public final class ProviderHttp {
  private static final Logger log = LoggerFactory.getLogger(ProviderHttp.class);

  private final ProviderSettings settings;
  private final HttpClient client;
  private final Clock clock;
  private final Redactor redactor;
  private final RateLimiter perMinute;
  private final Optional<RateLimiter> perDay;
  private final CircuitBreaker breaker;
  private final Retry retry;

  /** With the system clock, which only turns a {@code Retry-After} date into a wait. */
  public ProviderHttp(ProviderSettings settings, HttpClient client) {
    this(settings, client, Clock.systemUTC());
  }

  /** @param clock reads "now" for a {@code Retry-After} given as an HTTP date */
  public ProviderHttp(ProviderSettings settings, HttpClient client, Clock clock) {
    this.settings = settings;
    this.client = client;
    this.clock = clock;
    this.redactor = new Redactor(settings.apiKey());
    String name = settings.id().value();
    this.perMinute = RateLimiter.of(name + "-per-minute", perMinuteConfig(settings));
    this.perDay = settings.requestsPerDay() == 0
        ? Optional.empty()
        : Optional.of(RateLimiter.of(name + "-per-day", RateLimiterConfig.custom()
            .limitForPeriod(settings.requestsPerDay())
            .limitRefreshPeriod(Duration.ofDays(1))
            .timeoutDuration(Duration.ZERO)
            .build()));
    this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
        .slidingWindow(
            settings.circuit().window(),
            settings.circuit().minimumCalls(),
            CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(50)
        .waitDurationInOpenState(settings.circuit().openFor())
        .permittedNumberOfCallsInHalfOpenState(1)
        .recordException(e -> e instanceof TransientFailure t && t.kind == Kind.UNAVAILABLE)
        // Throttling says the provider is alive; only the rate limiter should react to it.
        .ignoreException(e -> e instanceof TransientFailure t && t.kind == Kind.RATE_LIMITED)
        .build());
    Backoff backoff = settings.backoff();
    this.retry = Retry.of(name, RetryConfig.<HttpReply>custom()
        .maxAttempts(backoff.maxAttempts())
        .retryOnException(e -> e instanceof TransientFailure)
        .intervalBiFunction((attempt, outcome) -> backoff
            .delay(
                attempt,
                outcome.isLeft() && outcome.getLeft() instanceof TransientFailure t ? t.retryAfter : Optional.empty(),
                ThreadLocalRandom.current().nextDouble())
            .toMillis())
        .build());
    retry.getEventPublisher().onRetry(event -> log.warn(
        "{}: {}; retry {}/{} in {} ms",
        name,
        event.getLastThrowable() == null ? "failed" : event.getLastThrowable().getMessage(),
        event.getNumberOfRetryAttempts(),
        backoff.maxRetries(),
        event.getWaitInterval().toMillis()));
    breaker.getEventPublisher().onStateTransition(event -> log.warn(
        "{}: circuit breaker {}", name, event.getStateTransition()));
  }

  /**
   * One permit every 60/rate seconds, so the per-minute budget is spread evenly rather than spent in a burst at the
   * top of each minute, which free tiers answer with 429.
   */
  private static RateLimiterConfig perMinuteConfig(ProviderSettings settings) {
    long periodNanos = Duration.ofMinutes(1).toNanos() / settings.requestsPerMinute();
    return RateLimiterConfig.custom()
        .limitForPeriod(1)
        .limitRefreshPeriod(Duration.ofNanos(Math.max(periodNanos, 1_000)))
        .timeoutDuration(settings.maxPermitWait())
        .build();
  }

  public ProviderId id() {
    return settings.id();
  }

  public ProviderSettings settings() {
    return settings;
  }

  public Redactor redactor() {
    return redactor;
  }

  /** Whether the circuit breaker currently lets requests through. */
  public boolean isAvailable() {
    return breaker.getState() != CircuitBreaker.State.OPEN && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
  }

  public HttpReply get(URI uri, Map<String, String> headers) {
    return get(uri, headers, reply -> Optional.empty());
  }

  /**
   * Sends a GET, retrying transient failures.
   *
   * @param throttleSignal recognises a provider's "slow down" reply that arrives with a 2xx status, returning the
   *     provider's message; such replies are retried like a 429
   */
  public HttpReply get(URI uri, Map<String, String> headers, Function<HttpReply, Optional<String>> throttleSignal) {
    String where = redactor.redact(uri);
    try {
      return retry.executeSupplier(() -> {
        acquirePermits(where);
        return breaker.executeSupplier(() -> attempt(uri, where, headers, throttleSignal));
      });
    } catch (TransientFailure e) {
      throw new ProviderException(
          settings.id(), e.kind, e.getMessage() + " (gave up after " + settings.backoff().maxAttempts() + " attempts)");
    } catch (CallNotPermittedException e) {
      throw new ProviderException(
          settings.id(),
          Kind.UNAVAILABLE,
          "circuit breaker open after repeated failures, not calling " + where + " for up to "
              + settings.circuit().openFor().toSeconds() + " s");
    }
  }

  private void acquirePermits(String where) {
    if (perDay.isPresent() && !perDay.get().acquirePermission()) {
      throw new ProviderException(
          settings.id(),
          Kind.RATE_LIMITED,
          "daily request cap of " + settings.requestsPerDay() + " used up by this process; not calling " + where);
    }
    try {
      RateLimiter.waitForPermission(perMinute);
    } catch (RequestNotPermitted e) {
      throw new ProviderException(
          settings.id(),
          Kind.RATE_LIMITED,
          "no request slot within " + settings.maxPermitWait().toSeconds() + " s at "
              + settings.requestsPerMinute() + " requests/min; not calling " + where);
    }
  }

  private HttpReply attempt(
      URI uri, String where, Map<String, String> headers, Function<HttpReply, Optional<String>> throttleSignal) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).GET();
    headers.forEach(request::header);
    HttpResponse<String> response;
    long started = System.nanoTime();
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new TransientFailure(
          Kind.UNAVAILABLE,
          "GET " + where + " timed out after " + settings.requestTimeout().toMillis() + " ms",
          Optional.empty());
    } catch (IOException e) {
      throw new TransientFailure(
          Kind.UNAVAILABLE,
          "GET " + where + " failed: " + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + redactor.redact(e.getMessage())),
          Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(settings.id(), Kind.UNAVAILABLE, "interrupted during GET " + where);
    }
    int status = response.statusCode();
    log.debug("{}: GET {} -> {} in {} ms", settings.id(), where, status, (System.nanoTime() - started) / 1_000_000);
    if (status == 429 || status >= 500) {
      Kind kind = status == 429 ? Kind.RATE_LIMITED : Kind.UNAVAILABLE;
      Optional<String> retryAfterHeader = response.headers().firstValue("Retry-After");
      Optional<Duration> retryAfter = retryAfterHeader.flatMap(value -> RetryAfter.parse(value, clock.instant()));
      if (retryAfter.isPresent() && !settings.backoff().honours(retryAfter.get())) {
        throw new ProviderException(
            settings.id(),
            kind,
            "GET " + where + " -> HTTP " + status + " asking to retry after " + retryAfter.get().toSeconds()
                + " s (Retry-After: " + retryAfterHeader.get().strip() + "), longer than the "
                + settings.backoff().maxRetryAfter().toSeconds() + " s the hub waits");
      }
      throw new TransientFailure(kind, "GET " + where + " -> HTTP " + status, retryAfter);
    }
    HttpReply reply = new HttpReply(status, response.headers(), response.body(), where);
    Optional<String> throttled = throttleSignal.apply(reply);
    if (throttled.isPresent()) {
      throw new TransientFailure(
          Kind.RATE_LIMITED, "GET " + where + " throttled: " + redactor.redact(throttled.get()), Optional.empty());
    }
    return reply;
  }

  /** A failure worth another attempt; becomes a {@link ProviderException} when the attempts run out. */
  private static final class TransientFailure extends RuntimeException {
    private final Kind kind;
    private final Optional<Duration> retryAfter;

    TransientFailure(Kind kind, String message, Optional<Duration> retryAfter) {
      super(message, null, false, false);
      this.kind = kind;
      this.retryAfter = retryAfter;
    }
  }
}
