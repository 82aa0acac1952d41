package io.aiinvest.datahub.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.ProviderId;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderSettingsTest {
  private static final ProviderId ID = ProviderId.of("alphavantage");
  private static final URI DEFAULT = URI.create("https://www.alphavantage.co");

  private static HubConfig config(Map<String, String> env) {
    return HubConfig.from(env, Optional.empty());
  }

  @Test
  void defaultsToThePublicEndpointAndGivenLimits() {
    ProviderSettings settings = ProviderSettings.fromEnv(config(Map.of()), "ALPHAVANTAGE", ID, DEFAULT, 5, 25);

    assertThat(settings.baseUrl()).isEqualTo(DEFAULT);
    assertThat(settings.apiKey()).isEmpty();
    assertThat(settings.requestsPerMinute()).isEqualTo(5);
    assertThat(settings.requestsPerDay()).isEqualTo(25);
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.backoff()).isEqualTo(Backoff.DEFAULT);
  }

  @Test
  void readsOverridesFromTheEnvironment() {
    ProviderSettings settings = ProviderSettings.fromEnv(
        config(Map.of(
            "ALPHAVANTAGE_BASE_URL", "http://127.0.0.1:8080/",
            "ALPHAVANTAGE_API_KEY", " k3y ",
            "ALPHAVANTAGE_RATE_LIMIT_PER_MIN", "75",
            "ALPHAVANTAGE_RATE_LIMIT_PER_DAY", "0",
            "ALPHAVANTAGE_MAX_RETRIES", "1",
            "ALPHAVANTAGE_TIMEOUT_SECONDS", "3",
            "ALPHAVANTAGE_RETRY_INITIAL_MS", "10",
            "ALPHAVANTAGE_RETRY_MAX_MS", "20")),
        "ALPHAVANTAGE", ID, DEFAULT, 5, 25);

    assertThat(settings.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(settings.apiKey()).contains("k3y");
    assertThat(settings.requestsPerMinute()).isEqualTo(75);
    assertThat(settings.requestsPerDay()).isZero();
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.backoff().maxRetries()).isEqualTo(1);
    assertThat(settings.backoff().initial()).isEqualTo(Duration.ofMillis(10));
    assertThat(settings.backoff().max()).isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void namesTheVariableThatIsWrong() {
    assertThatThrownBy(() -> ProviderSettings.fromEnv(
            config(Map.of("ALPHAVANTAGE_RATE_LIMIT_PER_MIN", "lots")), "ALPHAVANTAGE", ID, DEFAULT, 5, 25))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("ALPHAVANTAGE_RATE_LIMIT_PER_MIN");
    assertThatThrownBy(() -> ProviderSettings.fromEnv(
            config(Map.of("ALPHAVANTAGE_BASE_URL", "ftp://x")), "ALPHAVANTAGE", ID, DEFAULT, 5, 25))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("ALPHAVANTAGE_BASE_URL");
    assertThatThrownBy(() -> ProviderSettings.fromEnv(
            config(Map.of("ALPHAVANTAGE_RATE_LIMIT_PER_MIN", "0")), "ALPHAVANTAGE", ID, DEFAULT, 5, 25))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("rate limit");
  }

  @Test
  void describeAndToStringHideTheKey() {
    ProviderSettings settings = ProviderSettings.of(ID, DEFAULT, Optional.of("TOPSECRET"), 5, 25);

    assertThat(settings.toString()).doesNotContain("TOPSECRET").contains("key=***").contains("5/min,25/day");
  }

  @Test
  void redactorMasksKeyParametersAndTheKeyItself() {
    Redactor redactor = new Redactor(Optional.of("a+b/c"));

    assertThat(redactor.redact(URI.create("https://h/q?symbol=IBM&apikey=xyz&crumb=abc")))
        .isEqualTo("https://h/q?symbol=IBM&apikey=***&crumb=***");
    assertThat(redactor.redact("detected your API key as a+b/c, or a%2Bb%2Fc"))
        .isEqualTo("detected your API key as ***, or ***");
  }
}
