package io.aiinvest.datahub.testing;

import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import java.util.Map;
import java.util.Optional;

/**
 * The real PostgreSQL the tests run against (127.0.0.1:5432 unless {@code DATAHUB_TEST_POSTGRES_URL} says
 * otherwise). Each test gets its own scratch database so no two tests see each other's rows.
 */
public final class TestPostgres {
  private TestPostgres() {}

  public static DbTarget.Postgres server() {
    String url = Optional.ofNullable(System.getenv("DATAHUB_TEST_POSTGRES_URL"))
        .orElse("postgresql://postgres@127.0.0.1:5432/postgres");
    return (DbTarget.Postgres) DbTarget.parse(url);
  }

  public static ScratchDatabase scratch() {
    return ScratchDatabase.create(server(), "datahub_test");
  }

  /** A configuration pointing at the given scratch database, with a small pool. */
  public static HubConfig config(ScratchDatabase database) {
    return HubConfig.from(env(database), Optional.empty());
  }

  /** The environment a command would see for the scratch database. */
  public static Map<String, String> env(ScratchDatabase database) {
    return Map.of("POSTGRES_URL", database.url(), "DB_POOL_SIZE", "3", "DB_MAX_OVERFLOW", "2", "HOME",
        System.getProperty("java.io.tmpdir"));
  }
}
