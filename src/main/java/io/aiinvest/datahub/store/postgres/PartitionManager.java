package io.aiinvest.datahub.store.postgres;

import io.aiinvest.datahub.domain.DailyBar;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Creates the yearly partitions of {@code market_data.bars} before a load touches a new year. Yearly, not monthly:
 * measured at 5M daily rows, 48 monthly partitions made COPY 30% slower and scans 10-80% slower for no gain. On a
 * TimescaleDB hypertable the extension makes its own chunks and this does nothing.
 */
final class PartitionManager {
  /** Serialises partition creation across workers; an arbitrary constant key for pg_advisory_xact_lock. */
  private static final long PARTITION_LOCK_KEY = 0x6461746168756231L;

  private final DataSource dataSource;
  private final String description;
  private final Set<Integer> known = ConcurrentHashMap.newKeySet();
  private volatile Boolean partitioned;

  PartitionManager(DataSource dataSource, String description) {
    this.dataSource = dataSource;
    this.description = description;
  }

  void ensureYears(List<DailyBar> bars) {
    Set<Integer> years = PostgresMarketStore.years(bars);
    years.removeAll(known);
    if (years.isEmpty()) {
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      if (!isPartitioned(connection)) {
        known.addAll(years);
        return;
      }
      connection.setAutoCommit(false);
      try (Statement lock = connection.createStatement()) {
        lock.execute("SELECT pg_advisory_xact_lock(" + PARTITION_LOCK_KEY + ")");
      }
      for (int year : years) {
        try (Statement create = connection.createStatement()) {
          // The year is an int, never user text, so building the DDL is safe; DDL cannot take bind parameters.
          create.execute("CREATE TABLE IF NOT EXISTS market_data.bars_y" + year
              + " PARTITION OF market_data.bars FOR VALUES FROM ('" + year + "-01-01') TO ('" + (year + 1)
              + "-01-01')");
        }
      }
      connection.commit();
      known.addAll(years);
    } catch (SQLException e) {
      throw PostgresErrors.translate(e, "creating partitions " + years + " of market_data.bars in " + description);
    }
  }

  private boolean isPartitioned(Connection connection) throws SQLException {
    if (partitioned == null) {
      try (PreparedStatement query = connection.prepareStatement(
              "SELECT c.relkind = 'p' FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                  + " WHERE n.nspname = 'market_data' AND c.relname = 'bars'");
          ResultSet rs = query.executeQuery()) {
        partitioned = rs.next() && rs.getBoolean(1);
      }
    }
    return partitioned;
  }
}
