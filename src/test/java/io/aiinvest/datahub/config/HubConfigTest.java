package io.aiinvest.datahub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.DatahubException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Configuration from flags and environment; which database: --db, then POSTGRES_URL, then DuckDB under DATAHUB_HOME. */
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
  void dbFlagChoosesADuckDbFileOverPostgresUrl() {
    HubConfig config = HubConfig.from(Map.of("HOME", "/home/ops", "POSTGRES_URL", "postgresql://db/market"),
        Optional.of("duckdb:/data/hub.duckdb"));

    assertThat(config.db()).isEqualTo(new DbTarget.DuckDb(Path.of("/data/hub.duckdb")));
  }

  @Test
  void postgresUrlWithCredentialsIsParsedAndNeverPrintsThePassword() {
    DbTarget.Postgres target =
        (DbTarget.Postgres) DbTarget.parse("postgresql://market:p%40ss@db.example:6543/prices?sslmode=require");

    assertThat(target.host()).isEqualTo("db.example");
    assertThat(target.port()).isEqualTo(6543);
    assertThat(target.database()).isEqualTo("prices");
    assertThat(target.user()).contains("market");
    assertThat(target.password()).contains("p@ss");
    assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/prices?sslmode=require");
    assertThat(target.toString()).doesNotContain("p@ss").doesNotContain("p%40ss").contains("***");
  }

  @Test
  void jdbcUrlWithUserAndPasswordParametersIsAccepted() {
    DbTarget.Postgres target =
        (DbTarget.Postgres) DbTarget.parse("jdbc:postgresql://localhost/hub?user=bob&password=pw&ssl=false");

    assertThat(target.port()).isEqualTo(5432);
    assertThat(target.user()).contains("bob");
    assertThat(target.password()).contains("pw");
    assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/hub?ssl=false");
  }

  @Test
  void duckdbUrlNamesAFile() {
    assertThat(DbTarget.parse("duckdb:/tmp/hub.duckdb")).isEqualTo(new DbTarget.DuckDb(Path.of("/tmp/hub.duckdb")));
  }

  @Test
  void unsupportedSchemeIsRefusedWithoutEchoingTheUrl() {
    assertThatThrownBy(() -> DbTarget.parse("mysql://root:topsecret@host/db"))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("unsupported database URL scheme")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void poolSettingsComeFromTheOriginalVariableNames() {
    HubConfig config = HubConfig.from(Map.of("POSTGRES_URL", "postgresql://u@h/d", "DB_POOL_SIZE", "5",
        "DB_MAX_OVERFLOW", "3", "DB_POOL_TIMEOUT", "7", "LOG_LEVEL", "debug"), Optional.empty());

    assertThat(config.poolSize()).isEqualTo(5);
    assertThat(config.maxPoolSize()).isEqualTo(8);
    assertThat(config.poolTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(config.logLevel()).contains("DEBUG");
    assertThat(config.logLevelOr("WARN")).isEqualTo("DEBUG");
  }

  @Test
  void defaultsMatchTheOriginalService() {
    HubConfig config = HubConfig.from(Map.of("POSTGRES_URL", "postgresql://u@h/d"), Optional.empty());

    assertThat(config.poolSize()).isEqualTo(20);
    assertThat(config.maxPoolSize()).isEqualTo(30);
    assertThat(config.poolTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.logLevel()).isEmpty();
    assertThat(config.logLevelOr(HubConfig.DEFAULT_LOG_LEVEL)).isEqualTo("INFO");
  }

  @Test
  void dbFlagOverridesTheEnvironment() {
    HubConfig config = HubConfig.from(Map.of("POSTGRES_URL", "postgresql://u@envhost/d"),
        Optional.of("postgresql://u@flaghost/d"));

    assertThat(((DbTarget.Postgres) config.db()).host()).isEqualTo("flaghost");
  }

  @Test
  void badNumbersAreNamed() {
    assertThatThrownBy(() -> HubConfig.from(Map.of("DB_POOL_SIZE", "many"), Optional.empty()))
        .hasMessageContaining("DB_POOL_SIZE must be a whole number, got 'many'");
    assertThatThrownBy(() -> HubConfig.from(Map.of("DB_POOL_SIZE", "0"), Optional.empty()))
        .hasMessageContaining("DB_POOL_SIZE must be >= 1");
  }
}
