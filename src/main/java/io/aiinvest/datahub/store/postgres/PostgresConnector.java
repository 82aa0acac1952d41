package io.aiinvest.datahub.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.store.StoreException;
import java.sql.SQLException;

/** Opens the connection pool, turning an unreachable server into one line that names it and the driver's reason. */
final class PostgresConnector {
  private PostgresConnector() {}

  static HikariDataSource open(DbTarget.Postgres target, HubConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("datahub-pg");
    hikari.setJdbcUrl(target.jdbcUrl());
    target.user().ifPresent(hikari::setUsername);
    target.password().ifPresent(hikari::setPassword);
    hikari.setMaximumPoolSize(config.maxPoolSize());
    // Connections beyond the base size are the overflow: they are opened on demand and closed when idle.
    hikari.setMinimumIdle(Math.min(2, config.poolSize()));
    hikari.setConnectionTimeout(config.poolTimeout().toMillis());
    // The original's pool_pre_ping: Hikari validates a connection (Connection.isValid) before handing it out
    // whenever it has been idle; a dead one is replaced instead of failing the caller.
    hikari.setValidationTimeout(Math.min(5_000, config.poolTimeout().toMillis()));
    hikari.setInitializationFailTimeout(1);
    hikari.addDataSourceProperty("connectTimeout", "10");
    hikari.addDataSourceProperty("ApplicationName", "datahub");
    hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    try {
      return new HikariDataSource(hikari);
    } catch (HikariPool.PoolInitializationException e) {
      throw new StoreException(
          "cannot connect to PostgreSQL at " + target.host() + ":" + target.port() + ", database '"
              + target.database() + "'" + target.user().map(u -> " as user '" + u + "'").orElse("") + ": "
              + reason(e));
    }
  }

  private static String reason(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof SQLException)) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }
}
