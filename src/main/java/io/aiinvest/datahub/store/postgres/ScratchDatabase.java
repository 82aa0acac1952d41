package io.aiinvest.datahub.store.postgres;

import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.store.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A throw-away database on the same server as a target, dropped on close. Benchmarks run in one so they never touch
 * an operator's data; tests use one per class so they never see each other's rows.
 */
public final class ScratchDatabase implements AutoCloseable {
  private final DbTarget.Postgres server;
  private final DbTarget.Postgres target;

  private ScratchDatabase(DbTarget.Postgres server, DbTarget.Postgres target) {
    this.server = server;
    this.target = target;
  }

  /** Creates {@code <prefix>_<random>} on the server of {@code server}; needs the CREATEDB privilege. */
  public static ScratchDatabase create(DbTarget.Postgres server, String prefix) {
    String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
        .toLowerCase(Locale.ROOT);
    if (!name.matches("[a-z0-9_]{1,63}")) {
      throw new IllegalArgumentException("scratch database prefix must be lower-case letters, digits or _: " + prefix);
    }
    execute(server, "CREATE DATABASE " + name);
    DbTarget.Postgres target = new DbTarget.Postgres(
        server.host(), server.port(), name, server.user(), server.password(), server.query());
    return new ScratchDatabase(server, target);
  }

  public DbTarget.Postgres target() {
    return target;
  }

  /** A {@code postgresql://} URL for the scratch database, as {@code --db} takes it. */
  public String url() {
    return "postgresql://" + target.user().map(u -> u + target.password().map(p -> ":" + p).orElse("") + "@")
        .orElse("") + target.host() + ":" + target.port() + "/" + target.database();
  }

  @Override
  public void close() {
    execute(server, "DROP DATABASE IF EXISTS " + target.database() + " WITH (FORCE)");
  }

  private static void execute(DbTarget.Postgres server, String sql) {
    Properties properties = new Properties();
    server.user().ifPresent(u -> properties.setProperty("user", u));
    server.password().ifPresent(p -> properties.setProperty("password", p));
    properties.setProperty("connectTimeout", "10");
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), properties);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new StoreException("cannot run '" + sql + "' on " + server.describe() + ": "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }
}
