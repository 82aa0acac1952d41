package io.aiinvest.datahub.store.postgres;

import io.aiinvest.datahub.store.StoreException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings schema {@code market_data} to the latest version. Every command runs this on start; Flyway's lock makes it
 * safe when several workers start together, and an older database is upgraded in place.
 */
public final class PostgresMigrations {
  public static final String SCHEMA = "market_data";

  private PostgresMigrations() {}

  /** Flyway's first line plus the database's own message, which its report puts on a "Message" line. */
  private static String summary(FlywayException e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String first = text.lines().findFirst().orElse("");
    return text.lines()
        .filter(line -> line.startsWith("Message"))
        .findFirst()
        .map(line -> first + " (" + line.substring(line.indexOf(':') + 1).strip() + ")")
        .orElse(first);
  }

  /** Migrates to {@code target} (a version such as "1"), or to the latest when empty; returns the version reached. */
  public static String migrate(DataSource dataSource, Optional<String> target) {
    var configuration = Flyway.configure()
        .dataSource(dataSource)
        .schemas(SCHEMA)
        .createSchemas(true)
        // Feature areas own separate version ranges (V1x adjustments, V2x repair, V3x quality, V4x worker); a
        // database that already ran a later range must still accept an earlier range added afterwards.
        .outOfOrder(true)
        .locations("classpath:db/postgres")
        .loggers("slf4j");
    target.ifPresent(configuration::target);
    Flyway flyway = configuration.load();
    try {
      MigrateResult result = flyway.migrate();
      String reached = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
      return reached == null ? "0" : reached;
    } catch (FlywayException e) {
      throw new StoreException("database migration failed: " + summary(e), e);
    }
  }
}
