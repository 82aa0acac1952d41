package io.aiinvest.datahub.provider.http;

import io.aiinvest.datahub.domain.DatahubException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a provider's failed requests are retried: up to {@code maxRetries} more attempts, waiting
 * {@code initial × 2^(n-1)} capped at {@code max}, with "equal jitter" (half fixed, half random) so that eight
 * workers throttled together do not come back together. A server's {@code Retry-After} replaces the computed wait;
 * one longer than {@code maxRetryAfter} is not waited for at all, because stalling a worker for many minutes on one
 * symbol costs more than falling back to the next provider.
 */
public record Backoff(int maxRetries, Duration initial, Duration max, Duration maxRetryAfter) {

  public static final Backoff DEFAULT =
      new Backoff(3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(120));

  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (maxRetries < 0) {
      throw new DatahubException("max retries must be >= 0, got " + maxRetries);
    }
    if (initial.isNegative() || max.compareTo(initial) < 0 || maxRetryAfter.isNegative()) {
      throw new DatahubException(
          "retry waits must satisfy 0 <= initial (" + initial.toMillis() + " ms) <= max (" + max.toMillis() + " ms)");
    }
  }

  /** Attempts in all, the first one included. */
  public int maxAttempts() {
    return maxRetries + 1;
  }

  /**
   * The wait before retry number {@code retry} (1 = after the first failure).
   *
   * @param random a value in [0, 1) that picks the jittered half of the wait
   */
  public Duration delay(int retry, Optional<Duration> retryAfter, double random) {
    if (retryAfter.isPresent()) {
      return retryAfter.get();
    }
    long cap = max.toMillis();
    long exponential = initial.toMillis() << Math.min(Math.max(retry - 1, 0), 30);
    long full = exponential < 0 ? cap : Math.min(exponential, cap);
    long half = full / 2;
    return Duration.ofMillis(half + (long) ((full - half) * random));
  }

  /** Whether a server's requested wait is short enough to honour. */
  public boolean honours(Duration retryAfter) {
    return retryAfter.compareTo(maxRetryAfter) <= 0;
  }
}
