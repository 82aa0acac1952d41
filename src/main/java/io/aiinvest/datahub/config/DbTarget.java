package io.aiinvest.datahub.config;

import io.aiinvest.datahub.domain.DatahubException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/** Where the hub keeps its data. {@link #toString()} never shows a password. */
public sealed interface DbTarget permits DbTarget.Postgres, DbTarget.DuckDb {

  /** A safe description for logs and errors. */
  String describe();

  /** A PostgreSQL server. */
  record Postgres(String host, int port, String database, Optional<String> user, Optional<String> password, String query)
      implements DbTarget {

    /** JDBC URL without credentials; user and password go to the pool separately. */
    public String jdbcUrl() {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    @Override
    public String describe() {
      return "postgresql://" + user.map(u -> u + (password.isPresent() ? ":***" : "") + "@").orElse("")
          + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /** An embedded DuckDB file. */
  record DuckDb(Path file) implements DbTarget {
    @Override
    public String describe() {
      return "duckdb:" + file;
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /**
   * Parses {@code postgresql://user:pass@host:port/db}, {@code postgres://…}, {@code jdbc:postgresql://…} or
   * {@code duckdb:PATH}. Errors never repeat the URL, which may hold a password.
   */
  static DbTarget parse(String url) {
    String trimmed = url == null ? "" : url.trim();
    if (trimmed.isEmpty()) {
      throw new DatahubException("database URL is empty");
    }
    if (trimmed.startsWith("duckdb:")) {
      String path = trimmed.substring("duckdb:".length());
      if (path.isBlank()) {
        throw new DatahubException("database URL 'duckdb:' needs a file path, e.g. duckdb:/data/hub.duckdb");
      }
      return new DuckDb(Path.of(path));
    }
    String rest = trimmed.startsWith("jdbc:") ? trimmed.substring(5) : trimmed;
    if (rest.startsWith("postgresql+psycopg2://")) {
      rest = "postgresql://" + rest.substring("postgresql+psycopg2://".length());
    }
    if (!rest.startsWith("postgresql://") && !rest.startsWith("postgres://")) {
      throw new DatahubException(
          "unsupported database URL scheme: expected postgresql://user:pass@host:port/db, jdbc:postgresql://… or"
              + " duckdb:PATH");
    }
    URI uri;
    try {
      uri = new URI(rest);
    } catch (URISyntaxException e) {
      throw new DatahubException("malformed database URL (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
    String host = uri.getHost() == null ? "localhost" : uri.getHost();
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    String database = path.isEmpty() ? "postgres" : path;
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      if (colon >= 0) {
        password = Optional.of(decode(userInfo.substring(colon + 1)));
      }
    }
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    StringBuilder kept = new StringBuilder();
    for (String part : query.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      String key = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
      String value = part.contains("=") ? decode(part.substring(part.indexOf('=') + 1)) : "";
      if (key.equals("user")) {
        user = Optional.of(value);
      } else if (key.equals("password")) {
        password = Optional.of(value);
      } else {
        kept.append(kept.length() == 0 ? "" : "&").append(part);
      }
    }
    return new Postgres(host, port, database, user, password, kept.toString());
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
