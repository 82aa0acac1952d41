package io.aiinvest.datahub.provider.http;

import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.ProviderId;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How the hub talks to one provider: where, with which key, how fast, how patiently. Built once at start from the
 * environment ({@link #fromEnv}) and then shared by every worker, so the rate limit and circuit breaker are per
 * provider, not per thread. {@link #toString()} never shows the key.
 *
 * <p>Environment variables, with {@code P} the provider's prefix ({@code YAHOO}, {@code STOOQ}, …):
 * {@code P_BASE_URL}, {@code P_API_KEY}, {@code P_RATE_LIMIT_PER_MIN}, {@code P_RATE_LIMIT_PER_DAY} (0 = none),
 * {@code P_MAX_RETRIES}, {@code P_TIMEOUT_SECONDS}, {@code P_RETRY_INITIAL_MS}, {@code P_RETRY_MAX_MS},
 * {@code P_CIRCUIT_OPEN_SECONDS}.
 *
 * @param requestsPerDay 0 for no daily cap; the cap is counted by this process from its start, not by the
 *     provider's calendar day, so a restarted process may be refused earlier by the provider itself
 * @param maxPermitWait how long a worker may wait for the rate limiter before giving up with RATE_LIMITED
 */
public record ProviderSettings(
    ProviderId id,
    URI baseUrl,
    Optional<String> apiKey,
    int requestsPerMinute,
    int requestsPerDay,
    Duration maxPermitWait,
    Duration requestTimeout,
    Backoff backoff,
    Circuit circuit) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_PERMIT_WAIT = Duration.ofMinutes(2);

  /**
   * When to stop calling a provider that keeps failing: after {@code minimumCalls} of the last {@code window}
   * requests, at least half failing with 5xx, timeouts or connection errors opens the breaker for {@code openFor};
   * meanwhile every fetch fails at once with UNAVAILABLE instead of stalling a 5,000-symbol run.
   */
  public record Circuit(int window, int minimumCalls, Duration openFor) {
    public static final Circuit DEFAULT = new Circuit(20, 10, Duration.ofSeconds(60));

    public Circuit {
      if (window < 1 || minimumCalls < 1 || minimumCalls > window) {
        throw new DatahubException(
            "circuit breaker needs 1 <= minimumCalls (" + minimumCalls + ") <= window (" + window + ")");
      }
      if (openFor.isNegative() || openFor.isZero()) {
        throw new DatahubException("circuit breaker open duration must be > 0");
      }
    }
  }

  public ProviderSettings {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(maxPermitWait, "maxPermitWait");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(circuit, "circuit");
    apiKey = apiKey.map(String::strip).filter(k -> !k.isEmpty());
    if (requestsPerMinute < 1) {
      throw new DatahubException(id + ": rate limit must be >= 1 request per minute, got " + requestsPerMinute);
    }
    if (requestsPerDay < 0) {
      throw new DatahubException(id + ": daily request cap must be >= 0 (0 = none), got " + requestsPerDay);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new DatahubException(id + ": request timeout must be > 0");
    }
  }

  /** Settings with the library defaults for everything but the provider's identity, URL and limits. */
  public static ProviderSettings of(ProviderId id, URI baseUrl, Optional<String> apiKey, int perMinute, int perDay) {
    return new ProviderSettings(
        id, baseUrl, apiKey, perMinute, perDay, DEFAULT_PERMIT_WAIT, DEFAULT_TIMEOUT, Backoff.DEFAULT,
        Circuit.DEFAULT);
  }

  /**
   * Reads one provider's section of the environment.
   *
   * @param prefix the variables' prefix, e.g. {@code ALPHAVANTAGE}
   */
  public static ProviderSettings fromEnv(
      HubConfig config, String prefix, ProviderId id, URI defaultBaseUrl, int defaultPerMinute, int defaultPerDay) {
    Backoff backoff = new Backoff(
        intVar(config, prefix + "_MAX_RETRIES", Backoff.DEFAULT.maxRetries()),
        Duration.ofMillis(intVar(config, prefix + "_RETRY_INITIAL_MS", (int) Backoff.DEFAULT.initial().toMillis())),
        Duration.ofMillis(intVar(config, prefix + "_RETRY_MAX_MS", (int) Backoff.DEFAULT.max().toMillis())),
        Backoff.DEFAULT.maxRetryAfter());
    Circuit circuit = new Circuit(
        Circuit.DEFAULT.window(),
        Circuit.DEFAULT.minimumCalls(),
        Duration.ofSeconds(
            intVar(config, prefix + "_CIRCUIT_OPEN_SECONDS", (int) Circuit.DEFAULT.openFor().toSeconds())));
    return new ProviderSettings(
        id,
        url(config, prefix + "_BASE_URL", defaultBaseUrl),
        config.var(prefix + "_API_KEY"),
        intVar(config, prefix + "_RATE_LIMIT_PER_MIN", defaultPerMinute),
        intVar(config, prefix + "_RATE_LIMIT_PER_DAY", defaultPerDay),
        DEFAULT_PERMIT_WAIT,
        Duration.ofSeconds(intVar(config, prefix + "_TIMEOUT_SECONDS", (int) DEFAULT_TIMEOUT.toSeconds())),
        backoff,
        circuit);
  }

  /** An http(s) URL from the environment without its trailing slash, or the fallback when unset. */
  public static URI url(HubConfig config, String variable, URI fallback) {
    Optional<String> raw = config.var(variable);
    if (raw.isEmpty()) {
      return fallback;
    }
    String text = raw.get().strip().replaceAll("/+$", "");
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new DatahubException(
            variable + " must be an http(s) URL such as https://host[:port], got '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new DatahubException(variable + " is not a valid URL: " + e.getReason());
    }
  }

  private static int intVar(HubConfig config, String name, int fallback) {
    Optional<String> raw = config.var(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.get().strip());
    } catch (NumberFormatException e) {
      throw new DatahubException(name + " must be a whole number, got '" + raw.get() + "'");
    }
  }

  public ProviderSettings withBaseUrl(URI url) {
    return new ProviderSettings(
        id, url, apiKey, requestsPerMinute, requestsPerDay, maxPermitWait, requestTimeout, backoff, circuit);
  }

  public ProviderSettings withLimits(int perMinute, int perDay, Duration permitWait) {
    return new ProviderSettings(id, baseUrl, apiKey, perMinute, perDay, permitWait, requestTimeout, backoff, circuit);
  }

  public ProviderSettings withTimeout(Duration timeout) {
    return new ProviderSettings(
        id, baseUrl, apiKey, requestsPerMinute, requestsPerDay, maxPermitWait, timeout, backoff, circuit);
  }

  public ProviderSettings withBackoff(Backoff value) {
    return new ProviderSettings(
        id, baseUrl, apiKey, requestsPerMinute, requestsPerDay, maxPermitWait, requestTimeout, value, circuit);
  }

  public ProviderSettings withCircuit(Circuit value) {
    return new ProviderSettings(
        id, baseUrl, apiKey, requestsPerMinute, requestsPerDay, maxPermitWait, requestTimeout, backoff, value);
  }

  /** One line for the start-up log; the key shows only whether it is set. */
  public String describe() {
    return id + ": url=" + baseUrl + " key=" + (apiKey.isPresent() ? "***" : "none") + " rate=" + requestsPerMinute
        + "/min" + (requestsPerDay > 0 ? "," + requestsPerDay + "/day" : "") + " timeout="
        + requestTimeout.toMillis() + "ms retries=" + backoff.maxRetries() + " backoff=" + backoff.initial().toMillis()
        + ".." + backoff.max().toMillis() + "ms";
  }

  @Override
  public String toString() {
    return describe();
  }
}
