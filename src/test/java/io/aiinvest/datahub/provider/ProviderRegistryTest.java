package io.aiinvest.datahub.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.testing.FastSettings;
import io.aiinvest.datahub.provider.testing.LoopbackServer;
import io.aiinvest.datahub.provider.testing.LoopbackServer.Reply;
import io.aiinvest.datahub.provider.yahoo.YahooProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-02-20T12:00:00Z"), ZoneOffset.UTC);

  private static ProviderRegistry registry(Map<String, String> env) {
    return ProviderRegistry.standard(HubConfig.from(env, Optional.empty()), CLOCK, FastSettings.client());
  }

  @Test
  void knowsTheFourHttpProvidersInOrder() {
    assertThat(registry(Map.of()).names()).containsExactly("yahoo", "stooq", "alphavantage", "polygon");
  }

  @Test
  void unknownNameListsTheValidOnes() {
    assertThatThrownBy(() -> registry(Map.of()).get("bloomberg"))
        .isInstanceOf(DatahubException.class)
        .hasMessage("unknown provider 'bloomberg'; valid providers: yahoo, stooq, alphavantage, polygon");
  }

  @Test
  void buildsEachProviderOnceSoWorkersShareItsLimits() {
    ProviderRegistry registry = registry(Map.of());

    BarProvider yahoo = registry.get("yahoo");

    assertThat(yahoo).isInstanceOf(YahooProvider.class).isSameAs(registry.get(" YAHOO "));
    assertThat(yahoo.id()).isEqualTo(ProviderId.of("yahoo"));
  }

  @Test
  void keyedProvidersRefuseToStartWithoutTheirKey() {
    assertThatThrownBy(() -> registry(Map.of()).get("alphavantage"))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("ALPHAVANTAGE_API_KEY");
    assertThatThrownBy(() -> registry(Map.of()).get("polygon"))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("POLYGON_API_KEY");
    assertThat(registry(Map.of("ALPHAVANTAGE_API_KEY", "k", "POLYGON_API_KEY", "k")).get("polygon").id())
        .isEqualTo(ProviderId.of("polygon"));
  }

  @Test
  void rejectsAMalformedAdjustedFlag() {
    assertThatThrownBy(() -> registry(Map.of("ALPHAVANTAGE_API_KEY", "k", "ALPHAVANTAGE_ADJUSTED", "yes"))
            .get("alphavantage"))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("ALPHAVANTAGE_ADJUSTED");
  }

  @Test
  void chainFollowsTheFlagOrder() {
    ProviderChain chain = registry(Map.of()).chain("stooq, yahoo");

    assertThat(chain.providers()).containsExactly(ProviderId.of("stooq"), ProviderId.of("yahoo"));
    assertThatThrownBy(() -> registry(Map.of()).chain(" , ")).hasMessageContaining("valid providers");
  }

  @Test
  void acceptsMoreProvidersSuchAsCsv() {
    BarProvider csv = new BarProvider() {
      @Override
      public ProviderId id() {
        return ProviderId.CSV;
      }

      @Override
      public ProviderBars fetch(Symbol symbol, DateRange range) {
        throw new ProviderException(ProviderId.CSV, ProviderException.Kind.BAD_INPUT, "no file");
      }
    };
    ProviderRegistry registry = registry(Map.of()).with("csv", (config, clock, http) -> csv);

    assertThat(registry.names()).endsWith("csv");
    assertThat(registry.get("csv")).isSameAs(csv);
  }

  @Test
  void providersTalkToTheBaseUrlFromTheEnvironment() {
    try (LoopbackServer server = LoopbackServer.start()) {
      server.on("/v8/finance/chart/AAPL", Reply.fixture("yahoo/chart-AAPL-2020-01-01-to-2020-01-03.body.json"));
      ProviderRegistry registry = registry(Map.of("YAHOO_BASE_URL", server.baseUrl().toString()));

      ProviderBars bars = registry.get("yahoo")
          .fetch(Symbol.of("AAPL"), DateRange.of(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 2)));

      assertThat(bars.bars()).hasSize(1);
      assertThat(server.requests()).hasSize(1);
    }
  }
}
