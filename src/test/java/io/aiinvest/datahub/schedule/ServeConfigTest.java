package io.aiinvest.datahub.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.DatahubException;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** serve's settings from the environment: the original schedule by default, every value checked at start. */
class ServeConfigTest {
  private static ServeConfig from(Map<String, String> vars) {
    Map<String, String> env = new HashMap<>(vars);
    env.putIfAbsent("HOME", "/tmp");
    return ServeConfig.from(HubConfig.from(env, Optional.empty()));
  }

  @Test
  void defaultsToTheOriginalScheduleInNewYork() {
    ServeConfig config = from(Map.of("HOSTNAME", "box"));

    assertThat(config.calendar()).isEqualTo("XNYS");
    assertThat(config.times()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "ingest", LocalTime.of(18, 0), "repair", LocalTime.of(19, 0), "corporate-actions", LocalTime.of(20, 0),
        "quality", LocalTime.of(21, 0)));
    assertThat(config.repairLookbackDays()).isEqualTo(30);
    assertThat(config.runOnStartup()).isFalse();
    assertThat(config.healthHost()).isEqualTo("127.0.0.1");
    assertThat(config.healthPort()).isEqualTo(8080);
    assertThat(config.providers()).isEqualTo("yahoo");
    assertThat(config.workerName()).isEqualTo("box-" + ProcessHandle.current().pid());
    assertThat(config.logFormat()).isEqualTo(ServeConfig.LogFormat.TEXT);
  }

  @Test
  void readsTimesLookbackAndStartupRunFromTheEnvironment() {
    ServeConfig config = from(Map.of("SCHEDULE_INGEST_TIME", "17:30", "SCHEDULE_QUALITY_TIME", "22:15",
        "REPAIR_LOOKBACK_DAYS", "10", "RUN_JOBS_ON_STARTUP", "true", "HEALTH_PORT", "9090", "WORKER_NAME", "w7",
        "INGEST_PROVIDERS", "yahoo,stooq", "LOG_FORMAT", "json"));

    assertThat(config.times()).containsEntry("ingest", LocalTime.of(17, 30)).containsEntry("quality",
        LocalTime.of(22, 15)).containsEntry("repair", LocalTime.of(19, 0));
    assertThat(config.repairLookbackDays()).isEqualTo(10);
    assertThat(config.runOnStartup()).isTrue();
    assertThat(config.healthPort()).isEqualTo(9090);
    assertThat(config.workerName()).isEqualTo("w7");
    assertThat(config.providers()).isEqualTo("yahoo,stooq");
    assertThat(config.logFormat()).isEqualTo(ServeConfig.LogFormat.JSON);
    assertThat(config.describe()).contains("ingest@17:30", "repair@19:00", "repairLookback=10d", "logs=json");
  }

  @Test
  void fetchingJobsUseTheIngestProvidersOfDatahubProvidersUnlessIngestProvidersOverridesThem() {
    assertThat(from(Map.of("DATAHUB_PROVIDERS", "stooq,yahoo")).providers()).isEqualTo("stooq,yahoo");
    assertThat(from(Map.of("DATAHUB_PROVIDERS", "stooq,yahoo", "INGEST_PROVIDERS", "polygon")).providers())
        .isEqualTo("polygon");
    assertThat(from(Map.of("DATAHUB_PROVIDERS", " ")).providers()).isEqualTo("yahoo");
  }

  @Test
  void refusesBadValuesNamingTheVariable() {
    assertThatThrownBy(() -> from(Map.of("SCHEDULE_REPAIR_TIME", "7pm")))
        .isInstanceOf(DatahubException.class).hasMessage("SCHEDULE_REPAIR_TIME must be a time of day HH:MM, got '7pm'");
    assertThatThrownBy(() -> from(Map.of("REPAIR_LOOKBACK_DAYS", "0")))
        .isInstanceOf(DatahubException.class).hasMessage("REPAIR_LOOKBACK_DAYS must be >= 1, got 0");
    assertThatThrownBy(() -> from(Map.of("RUN_JOBS_ON_STARTUP", "maybe")))
        .isInstanceOf(DatahubException.class).hasMessage("RUN_JOBS_ON_STARTUP must be true or false, got 'maybe'");
    assertThatThrownBy(() -> from(Map.of("HEALTH_PORT", "70000")))
        .isInstanceOf(DatahubException.class).hasMessage("HEALTH_PORT must be 0-65535, got 70000");
    assertThatThrownBy(() -> from(Map.of("LOG_FORMAT", "xml")))
        .isInstanceOf(DatahubException.class).hasMessage("LOG_FORMAT must be text or json, got 'xml'");
  }
}
