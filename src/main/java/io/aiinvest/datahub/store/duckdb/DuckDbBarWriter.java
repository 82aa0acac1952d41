package io.aiinvest.datahub.store.duckdb;

import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.StoreException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Bulk upsert of bars on DuckDB for one connection; one write at a time uses it.
 *
 * <p>Everything runs inside the write transaction, which holds the locks of the write's symbols only, so writers of
 * other symbols proceed side by side. A first query asks whether any stored bar of the write's symbols is as recent as
 * the first bar given for it. When none is (a first load, the daily append) every bar is new, and the bars go through
 * DuckDB's Appender straight into {@code bars}, whose CHECK constraints the Appender enforces like an INSERT.
 * Otherwise they are appended to a temporary staging table and one join classifies them, and only the statements that
 * have rows to change run: old values of changed bars into {@code bar_revisions}, those bars updated, new keys
 * inserted. Identical bars are left alone, so a reload writes nothing.
 *
 * <p>Why this way, measured on 2 cores (docs/duckdb.md): writing new bars through the staging table and an
 * {@code INSERT … SELECT} took more CPU than appending them straight into {@code bars}; a primary key on {@code bars}
 * made writes 3-5x slower, which is why the table has none and the store never inserts a stored key. The statements
 * are planned on every write, not prepared once: DuckDB folds table statistics into a plan, and a plan prepared while
 * the staging table was empty kept answering "no rows".
 */
final class DuckDbBarWriter {
  /** An 18-digit decimal with 6 places is a 64-bit integer in DuckDB; prices must stay below this. */
  static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000");

  private static final String STAGE = "datahub_bars_stage";

  private static final String CREATE_STAGE = "CREATE OR REPLACE TEMP TABLE " + STAGE + " (symbol VARCHAR NOT NULL,"
      + " \"timestamp\" DATE NOT NULL, open DECIMAL(18,6) NOT NULL, high DECIMAL(18,6) NOT NULL,"
      + " low DECIMAL(18,6) NOT NULL, close DECIMAL(18,6) NOT NULL, volume BIGINT NOT NULL,"
      + " adjusted_close DECIMAL(18,6), source VARCHAR NOT NULL)";

  private static final String COLUMNS =
      "symbol, \"timestamp\", open, high, low, close, volume, adjusted_close, source";

  private static final String SAME_KEY = "b.symbol = s.symbol AND b.\"timestamp\" = s.\"timestamp\"";

  private static final String CHANGED = "(b.open, b.high, b.low, b.close, b.volume, b.adjusted_close)"
      + " IS DISTINCT FROM (s.open, s.high, s.low, s.close, s.volume, s.adjusted_close)";

  /**
   * Stored bars on or after the first given date of their symbol, given as two bound lists, and the transaction's
   * timestamp (what {@code ingested_at} defaults to). The join is built on one row per symbol, which lets DuckDB prune
   * the scan of bars to those symbols' row groups.
   */
  private static final String OVERLAPPING = "SELECT count(*), epoch_us(now()) FROM (SELECT unnest(?::VARCHAR[]) AS"
      + " symbol, unnest(?::DATE[]) AS first) s JOIN market_data.bars b ON b.symbol = s.symbol"
      + " AND b.\"timestamp\" >= s.first";

  /** Per staged symbol: how many of its staged bars are stored already, and how many of those differ. */
  private static final String CLASSIFY = "SELECT s.symbol, count(b.symbol), count(b.symbol) FILTER (WHERE " + CHANGED
      + ") FROM " + STAGE + " s LEFT JOIN market_data.bars b ON " + SAME_KEY + " GROUP BY s.symbol";

  private static final String KEEP_REVISIONS = "INSERT INTO market_data.bar_revisions (symbol, \"timestamp\", open,"
      + " high, low, close, volume, adjusted_close, previous_source, previous_ingested_at, new_source)"
      + " SELECT b.symbol, b.\"timestamp\", b.open, b.high, b.low, b.close, b.volume, b.adjusted_close, b.source,"
      + " b.ingested_at, s.source FROM market_data.bars b JOIN " + STAGE + " s ON " + SAME_KEY + " WHERE " + CHANGED;

  private static final String UPDATE_CHANGED = "UPDATE market_data.bars b SET open = s.open, high = s.high,"
      + " low = s.low, close = s.close, volume = s.volume, adjusted_close = s.adjusted_close, source = s.source,"
      + " ingested_at = now() FROM " + STAGE + " s WHERE " + SAME_KEY + " AND " + CHANGED;

  private static final String INSERT_ALL = "INSERT INTO market_data.bars (" + COLUMNS + ") SELECT " + COLUMNS
      + " FROM " + STAGE;

  // A left join rather than NOT EXISTS: DuckDB plans NOT EXISTS with IS NOT DISTINCT FROM conditions, which keep it
  // from pruning the scan of bars to the staged key range.
  private static final String INSERT_NEW = "INSERT INTO market_data.bars (" + COLUMNS + ") SELECT s.symbol,"
      + " s.\"timestamp\", s.open, s.high, s.low, s.close, s.volume, s.adjusted_close, s.source FROM " + STAGE + " s"
      + " LEFT JOIN market_data.bars b ON " + SAME_KEY + " WHERE b.symbol IS NULL";

  private final DuckDBConnection connection;

  DuckDbBarWriter(DuckDBConnection connection) {
    this.connection = connection;
  }

  /** What a write holds of one symbol: its number of bars and the first date. */
  private record Given(long bars, LocalDate first) {}

  /** Whether stored bars overlap the write, and the transaction's timestamp in microseconds since the epoch. */
  private record Recency(long overlapping, long nowMicros) {}

  /**
   * Stores the bars inside the caller's transaction and returns each symbol's counts, in symbol order. A price the
   * DuckDB column cannot hold refuses the whole write, and the caller rolls back, with a message saying so.
   *
   * @param sorted the bars sorted by symbol and date, at the column's scale, without duplicate keys
   */
  Map<Symbol, LoadResult> upsert(List<DailyBar> sorted, String description) throws SQLException {
    Map<Symbol, Given> given = perSymbol(sorted);
    Recency recency = recency(given);
    if (recency.overlapping() == 0) {
      appendNew(sorted, recency.nowMicros(), description);
      Map<Symbol, LoadResult> results = new LinkedHashMap<>();
      given.forEach((symbol, g) -> results.put(symbol, new LoadResult(g.bars(), 0, 0, List.of())));
      return results;
    }
    stage(sorted, description);
    Map<Symbol, LoadResult> results = merge(given);
    // Dropped inside the transaction, so a large write does not keep its memory.
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("DROP TABLE IF EXISTS " + STAGE);
    }
    return results;
  }

  /**
   * Appends bars whose keys are not stored straight into {@code bars}, with the values its defaults would give
   * ({@code ingested_at} is the transaction's {@code now()}). The Appender writes every column in table order, so a
   * migration that adds a column to {@code bars} must add it here (every write would fail otherwise).
   */
  private void appendNew(List<DailyBar> bars, long nowMicros, String description) throws SQLException {
    try (DuckDBAppender appender = connection.createAppender("market_data", "bars")) {
      Utf8 symbol = new Utf8();
      Utf8 source = new Utf8();
      for (DailyBar bar : bars) {
        appendValues(appender, bar, symbol, description)
            .append(false) // split_adjusted: bars are stored as traded
            .append(false) // dividend_adjusted
            .append(source.of(bar.source().value()))
            .appendEpochMicros(nowMicros)
            .endRow();
      }
    }
  }

  /**
   * Creates the staging table and appends the bars, inside the caller's transaction (so the Appender's 2048-row
   * chunks do not each commit on their own).
   */
  private void stage(List<DailyBar> bars, String description) throws SQLException {
    // A new table each time: TRUNCATE only marks rows deleted, and a reused table grew with every write (measured:
    // reloads became 15x slower as each write scanned all earlier writes' rows).
    try (Statement ddl = connection.createStatement()) {
      ddl.execute(CREATE_STAGE);
    }
    try (DuckDBAppender appender = connection.createAppender("temp", "main", STAGE)) {
      Utf8 symbol = new Utf8();
      Utf8 source = new Utf8();
      for (DailyBar bar : bars) {
        appendValues(appender, bar, symbol, description).append(source.of(bar.source().value())).endRow();
      }
    }
  }

  /** Begins a row with the columns {@code bars} and the staging table share, symbol to adjusted_close. */
  private static DuckDBAppender appendValues(DuckDBAppender appender, DailyBar bar, Utf8 symbol, String description)
      throws SQLException {
    // Bars arrive sorted by symbol and mostly share one source: encode each text once, not once per row.
    appender.beginRow()
        .append(symbol.of(bar.symbol().value()))
        .appendEpochDays((int) bar.date().toEpochDay())
        .appendDecimal(unscaled(bar.open()))
        // high is at least open, low and close (a bar rule), so it alone needs the range check.
        .appendDecimal(storable(bar, bar.high(), description))
        .appendDecimal(unscaled(bar.low()))
        .appendDecimal(unscaled(bar.close()))
        .append(bar.volume());
    if (bar.adjustedClose().isPresent()) {
      appender.appendDecimal(storable(bar, bar.adjustedClose().get(), description));
    } else {
      appender.appendNull();
    }
    return appender;
  }

  /** What the sorted bars hold of each symbol, in symbol order: one map entry per run of one symbol. */
  private static Map<Symbol, Given> perSymbol(List<DailyBar> sorted) {
    Map<Symbol, Given> given = new LinkedHashMap<>();
    int start = 0;
    for (int i = 1; i <= sorted.size(); i++) {
      if (i == sorted.size() || !sorted.get(i).symbol().equals(sorted.get(start).symbol())) {
        given.put(sorted.get(start).symbol(), new Given(i - start, sorted.get(start).date()));
        start = i;
      }
    }
    return given;
  }

  /**
   * Classifies the staged bars against {@code bars} and changes only what differs; the statements that change rows
   * run only when the classification found rows for them.
   *
   * @param given what was staged of each symbol, in the order results are wanted
   * @return each symbol's counts
   */
  private Map<Symbol, LoadResult> merge(Map<Symbol, Given> given) throws SQLException {
    long total = given.values().stream().mapToLong(Given::bars).sum();
    Map<Symbol, LoadResult> results = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement()) {
      Map<Symbol, long[]> classified = new HashMap<>();
      long stored = 0;
      long changed = 0;
      try (ResultSet rows = statement.executeQuery(CLASSIFY)) {
        while (rows.next()) {
          long[] counts = {rows.getLong(2), rows.getLong(3)};
          classified.put(new Symbol(rows.getString(1)), counts);
          stored += counts[0];
          changed += counts[1];
        }
      }
      if (changed > 0) {
        expect(statement.executeUpdate(KEEP_REVISIONS), changed, "revisions kept");
        expect(statement.executeUpdate(UPDATE_CHANGED), changed, "bars updated");
      }
      long fresh = total - stored;
      if (fresh > 0) {
        expect(statement.executeUpdate(stored == 0 ? INSERT_ALL : INSERT_NEW), fresh, "bars inserted");
      }
      given.forEach((symbol, g) -> {
        long[] counts = classified.getOrDefault(symbol, new long[2]);
        results.put(symbol, new LoadResult(g.bars() - counts[0], counts[1], counts[0] - counts[1], List.of()));
      });
      return results;
    }
  }

  /** Prepared on every call: a plan kept across writes would keep the table statistics it was made with. */
  private Recency recency(Map<Symbol, Given> given) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(OVERLAPPING)) {
      query.setArray(1, connection.createArrayOf("VARCHAR", given.keySet().stream().map(Symbol::value).toArray()));
      query.setArray(2, connection.createArrayOf("DATE", given.values().stream().map(Given::first).toArray()));
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return new Recency(rs.getLong(1), rs.getLong(2));
      }
    }
  }

  /** Affected-row counts are checked: a mismatch means the classification went stale, and the write rolls back. */
  private static void expect(long actual, long expected, String what) {
    if (actual != expected) {
      throw new StoreException("bar upsert: " + actual + " " + what + " where " + expected + " were expected;"
          + " nothing stored");
    }
  }

  private static long storable(DailyBar bar, BigDecimal price, String description) {
    if (price.compareTo(MAX_PRICE) >= 0) {
      throw new DatahubException(bar.symbol() + " " + bar.date() + ": price " + price.toPlainString()
          + " is too large for " + description + ", which stores prices below 10^12 (DECIMAL(18,6));"
          + " nothing stored. PostgreSQL stores prices up to 10^13");
    }
    return unscaled(price);
  }

  /**
   * DailyBar holds 6 decimal places, the column's scale, so the unscaled value is the stored integer. Shifting the
   * decimal point avoids the BigInteger that {@code unscaledValue()} allocates (measured: a quarter of staging).
   */
  private static long unscaled(BigDecimal price) {
    return price.scaleByPowerOfTen(DailyBar.PRICE_SCALE).longValueExact();
  }

  /** The UTF-8 bytes of the last string seen, re-encoded only when the string changes. */
  private static final class Utf8 {
    private String text;
    private byte[] bytes;

    byte[] of(String value) {
      if (!value.equals(text)) {
        text = value;
        bytes = value.getBytes(StandardCharsets.UTF_8);
      }
      return bytes;
    }
  }
}
