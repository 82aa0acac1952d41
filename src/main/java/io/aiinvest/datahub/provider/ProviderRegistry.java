package io.aiinvest.datahub.provider;

import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.provider.alphavantage.AlphaVantageProvider;
import io.aiinvest.datahub.provider.http.ProviderHttp;
import io.aiinvest.datahub.provider.http.ProviderSettings;
import io.aiinvest.datahub.provider.polygon.PolygonProvider;
import io.aiinvest.datahub.provider.stooq.StooqProvider;
import io.aiinvest.datahub.provider.yahoo.YahooProvider;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds providers by name from the configuration, once each: every worker of a run gets the same instance, and so
 * shares its rate limit, retries budget and circuit breaker.
 *
 * <p>Default limits (override with {@code <PROVIDER>_RATE_LIMIT_PER_MIN} / {@code _PER_DAY}): Alpha Vantage 5/min
 * and 25/day and Polygon 5/min, their published free tiers; Yahoo publishes no limit and 60/min is what yfinance
 * users report as tolerated; Stooq publishes none either and serves whole files, so 30/min is a polite default.
 */
public final class ProviderRegistry {
  /** Makes one provider from the configuration; called at most once per registry and name. */
  @FunctionalInterface
  public interface Factory {
    BarProvider create(HubConfig config, Clock clock, HttpClient httpClient);
  }

  public static final int YAHOO_PER_MINUTE = 60;
  public static final int STOOQ_PER_MINUTE = 30;
  public static final int ALPHAVANTAGE_PER_MINUTE = 5;
  public static final int ALPHAVANTAGE_PER_DAY = 25;
  public static final int POLYGON_PER_MINUTE = 5;

  private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);

  private final HubConfig config;
  private final Clock clock;
  private final HttpClient httpClient;
  private final Map<String, Factory> factories;
  private final ConcurrentMap<String, BarProvider> built = new ConcurrentHashMap<>();

  private ProviderRegistry(HubConfig config, Clock clock, HttpClient httpClient, Map<String, Factory> factories) {
    this.config = config;
    this.clock = clock;
    this.httpClient = httpClient;
    this.factories = factories;
  }

  /** The four HTTP providers, on one shared JDK client. */
  public static ProviderRegistry standard(HubConfig config, Clock clock) {
    return standard(config, clock, defaultHttpClient());
  }

  public static ProviderRegistry standard(HubConfig config, Clock clock, HttpClient httpClient) {
    Map<String, Factory> factories = new LinkedHashMap<>();
    factories.put("yahoo", ProviderRegistry::yahoo);
    factories.put("stooq", ProviderRegistry::stooq);
    factories.put("alphavantage", ProviderRegistry::alphaVantage);
    factories.put("polygon", ProviderRegistry::polygon);
    return new ProviderRegistry(config, clock, httpClient, factories);
  }

  /**
   * No redirects: none of these APIs needs one, and Yahoo's cookie host must be read before any redirect. Request
   * timeouts are per provider ({@link ProviderSettings#requestTimeout()}); this bounds only connecting.
   */
  public static HttpClient defaultHttpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** A registry that also knows {@code name}; call at start-up, before any {@link #get}. */
  public ProviderRegistry with(String name, Factory factory) {
    Map<String, Factory> more = new LinkedHashMap<>(factories);
    more.put(normalise(name), factory);
    return new ProviderRegistry(config, clock, httpClient, more);
  }

  public List<String> names() {
    return List.copyOf(factories.keySet());
  }

  /**
   * The provider of that name, built on first use.
   *
   * @throws DatahubException for a name the registry does not know, listing the valid ones, or when the provider's
   *     configuration is incomplete (a missing API key)
   */
  public BarProvider get(String name) {
    String key = normalise(name);
    Factory factory = factories.get(key);
    if (factory == null) {
      throw new DatahubException(
          "unknown provider '" + name.strip() + "'; valid providers: " + String.join(", ", factories.keySet()));
    }
    return built.computeIfAbsent(key, k -> factory.create(config, clock, httpClient));
  }

  /** A chain of the named providers in the given order. */
  public ProviderChain chain(List<String> names) {
    return new ProviderChain(names.stream().map(this::get).toList());
  }

  /** A chain from a comma-separated list such as {@code yahoo,stooq} (the {@code --provider} flag). */
  public ProviderChain chain(String commaSeparated) {
    List<String> names = Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (names.isEmpty()) {
      throw new DatahubException("no provider given; valid providers: " + String.join(", ", factories.keySet()));
    }
    return chain(names);
  }

  private static String normalise(String name) {
    return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
  }

  private static ProviderHttp http(ProviderSettings settings, HttpClient client, Clock clock) {
    log.info("provider {}", settings.describe());
    return new ProviderHttp(settings, client, clock);
  }

  private static BarProvider yahoo(HubConfig config, Clock clock, HttpClient client) {
    ProviderSettings settings = ProviderSettings.fromEnv(
        config, "YAHOO", YahooProvider.ID, YahooProvider.DEFAULT_BASE_URL, YAHOO_PER_MINUTE, 0);
    return new YahooProvider(
        http(settings, client, clock),
        ProviderSettings.url(config, "YAHOO_COOKIE_URL", YahooProvider.DEFAULT_COOKIE_URL),
        ProviderSettings.url(config, "YAHOO_CRUMB_BASE_URL", settings.baseUrl()),
        clock);
  }

  private static BarProvider stooq(HubConfig config, Clock clock, HttpClient client) {
    ProviderSettings settings = ProviderSettings.fromEnv(
        config, "STOOQ", StooqProvider.ID, StooqProvider.DEFAULT_BASE_URL, STOOQ_PER_MINUTE, 0);
    return new StooqProvider(http(settings, client, clock));
  }

  private static BarProvider alphaVantage(HubConfig config, Clock clock, HttpClient client) {
    ProviderSettings settings = ProviderSettings.fromEnv(
        config,
        "ALPHAVANTAGE",
        AlphaVantageProvider.ID,
        AlphaVantageProvider.DEFAULT_BASE_URL,
        ALPHAVANTAGE_PER_MINUTE,
        ALPHAVANTAGE_PER_DAY);
    boolean adjusted = config.var("ALPHAVANTAGE_ADJUSTED")
        .map(v -> {
          String value = v.strip().toLowerCase(Locale.ROOT);
          if (!value.equals("true") && !value.equals("false")) {
            throw new DatahubException("ALPHAVANTAGE_ADJUSTED must be true or false, got '" + v + "'");
          }
          return value.equals("true");
        })
        .orElse(false);
    return new AlphaVantageProvider(http(settings, client, clock), adjusted, clock);
  }

  private static BarProvider polygon(HubConfig config, Clock clock, HttpClient client) {
    ProviderSettings settings = ProviderSettings.fromEnv(
        config, "POLYGON", PolygonProvider.ID, PolygonProvider.DEFAULT_BASE_URL, POLYGON_PER_MINUTE, 0);
    return new PolygonProvider(http(settings, client, clock), clock);
  }
}
