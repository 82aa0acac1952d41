package io.aiinvest.datahub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which database a configuration names: --db, then POSTGRES_URL, then the embedded file under DATAHUB_HOME. */
class HubConfigTest {
  @Test
  void withoutAnyDatabaseUrlTheDefaultIsDuckDbUnderDatahubHome() {
    HubConfig config = HubConfig.from(Map.of("DATAHUB_HOME", "/srv/hub", "HOME", "/home/ops"), Optional.empty());

    assertThat(config.db()).isEqualTo(new DbTarget.DuckDb(Path.of("/srv/hub/datahub.duckdb")));
    assertThat(config.home()).isEqualTo(Path.of("/srv/hub"));
  }

  @Test
  void withoutDatahubHomeTheDefaultFileIsInDotDatahubOfTheHomeDirectory() {
    HubConfig config = HubConfig.from(Map.of("HOME", "/home/ops"), Optional.empty());

    assertThat(config.db()).isEqualTo(new DbTarget.DuckDb(Path.of("/home/ops/.datahub/datahub.duckdb")));
  }

  @Test
  void postgresUrlReplacesTheEmbeddedDefault() {
    HubConfig config = HubConfig.from(Map.of("HOME", "/home/ops", "POSTGRES_URL",
        "postgresql://hub:secret@db:5432/market"), Optional.empty());

    assertThat(config.db()).isInstanceOf(DbTarget.Postgres.class);
    assertThat(config.describe()).contains("postgresql://hub:***@db:5432/market").doesNotContain("secret");
  }

  @Test
  void dbFlagChoosesADuckDbFileOverPostgresUrl() {
    HubConfig config = HubConfig.from(Map.of("HOME", "/home/ops", "POSTGRES_URL", "postgresql://db/market"),
        Optional.of("duckdb:/data/hub.duckdb"));

    assertThat(config.db()).isEqualTo(new DbTarget.DuckDb(Path.of("/data/hub.duckdb")));
  }
}
