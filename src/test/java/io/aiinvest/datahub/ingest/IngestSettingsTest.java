package io.aiinvest.datahub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.ProviderId;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {
  private static final List<String> PROVIDERS = List.of("yahoo", "stooq", "alphavantage", "polygon", "csv");

  private static IngestSettings settings(Map<String, String> env) {
    return IngestSettings.from(HubConfig.from(env, Optional.empty()), PROVIDERS);
  }

  @Test
  void defaultsAreYahooOneYearBackAndEachProvidersOwnConcurrency() {
    IngestSettings settings = settings(Map.of());

    assertThat(settings.defaultProviders()).containsExactly("yahoo");
    assertThat(settings.defaultStart(LocalDate.parse("2024-05-01"))).isEqualTo(LocalDate.parse("2023-05-02"));
    assertThat(settings.concurrency(ProviderId.of("yahoo"))).isEqualTo(8);
    assertThat(settings.concurrency(ProviderId.of("alphavantage"))).isEqualTo(1);
    assertThat(settings.concurrency(ProviderId.of("elsewhere"))).isEqualTo(IngestSettings.DEFAULT_CONCURRENCY);
    assertThat(settings.maxDaysPerRequest(ProviderId.of("polygon"))).isZero();
    assertThat(settings.symbolsPerWrite()).isEqualTo(IngestSettings.DEFAULT_SYMBOLS_PER_WRITE);
  }

  @Test
  void environmentOverridesEveryDefault() {
    IngestSettings settings = settings(Map.of(
        "DATAHUB_PROVIDERS", " Yahoo, stooq ,",
        "DATAHUB_DEFAULT_HISTORY_START", "2000-01-01",
        "STOOQ_CONCURRENCY", "3",
        "POLYGON_MAX_DAYS_PER_REQUEST", "730",
        "DATAHUB_INGEST_BATCH_SYMBOLS", "10"));

    assertThat(settings.defaultProviders()).containsExactly("yahoo", "stooq");
    assertThat(settings.defaultStart(LocalDate.parse("2024-05-01"))).isEqualTo(LocalDate.parse("2000-01-01"));
    assertThat(settings.concurrency(ProviderId.of("stooq"))).isEqualTo(3);
    assertThat(settings.maxDaysPerRequest(ProviderId.of("polygon"))).isEqualTo(730);
    assertThat(settings.symbolsPerWrite()).isEqualTo(10);
  }

  @Test
  void historyStartMayBeAPeriodBack() {
    assertThat(settings(Map.of("DATAHUB_DEFAULT_HISTORY_START", "p10y")).defaultStart(LocalDate.parse("2024-05-01")))
        .isEqualTo(LocalDate.parse("2014-05-02"));
  }

  @Test
  void invalidValuesAreRefusedNamingTheVariable() {
    assertThatThrownBy(() -> settings(Map.of("YAHOO_CONCURRENCY", "0")))
        .isInstanceOf(DatahubException.class).hasMessageContaining("YAHOO_CONCURRENCY must be >= 1");
    assertThatThrownBy(() -> settings(Map.of("DATAHUB_DEFAULT_HISTORY_START", "last year")))
        .isInstanceOf(DatahubException.class).hasMessageContaining("DATAHUB_DEFAULT_HISTORY_START");
    assertThatThrownBy(() -> settings(Map.of("POLYGON_MAX_DAYS_PER_REQUEST", "-1")))
        .isInstanceOf(DatahubException.class).hasMessageContaining("POLYGON_MAX_DAYS_PER_REQUEST");
    assertThatThrownBy(() -> settings(Map.of("DATAHUB_PROVIDERS", " , ")))
        .isInstanceOf(DatahubException.class).hasMessageContaining("no provider");
  }
}
