package io.aiinvest.datahub.provider.testing;

import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.provider.http.Backoff;
import io.aiinvest.datahub.provider.http.ProviderSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/** Provider settings for tests: no rate limit to speak of, millisecond backoffs, a breaker that stays closed. */
public final class FastSettings {
  public static final Backoff BACKOFF = new Backoff(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5));

  private FastSettings() {}

  public static ProviderSettings of(String provider, URI baseUrl, Optional<String> apiKey) {
    return new ProviderSettings(
        ProviderId.of(provider),
        baseUrl,
        apiKey,
        6_000_000,
        0,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        BACKOFF,
        new ProviderSettings.Circuit(100, 100, Duration.ofSeconds(60)));
  }

  public static ProviderSettings of(String provider, URI baseUrl) {
    return of(provider, baseUrl, Optional.empty());
  }

  public static HttpClient client() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(2))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }
}
