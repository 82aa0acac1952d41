package io.aiinvest.datahub.store.postgres;

import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.Symbol;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * Bulk upsert of bars inside the caller's transaction. Two paths, chosen per symbol:
 *
 * <ul>
 *   <li>a symbol with no stored bar in the incoming date range is COPYed straight into {@code bars} (measured at 0.5
 *       of raw COPY speed, against 0.15-0.29 for staging plus ON CONFLICT);
 *   <li>the rest is COPYed into a temporary staging table, diffed against {@code bars} with a read-only join, and
 *       only new or changed rows are written, the replaced values going to {@code bar_revisions}. A reload of
 *       unchanged data therefore writes nothing at all.
 * </ul>
 *
 * <p>The caller holds the symbols' advisory locks, so the "no stored bar" test cannot race another worker.
 */
final class PostgresBarWriter {
  /** Key space of the per-symbol advisory locks (first argument of the two-int pg_advisory_xact_lock). */
  private static final int SYMBOL_LOCK_SPACE = 0x64686231;

  private static final String STAGE_DDL = "CREATE TEMP TABLE IF NOT EXISTS datahub_bars_stage ("
      + "symbol TEXT NOT NULL, \"timestamp\" DATE NOT NULL, open NUMERIC(19,6) NOT NULL, high NUMERIC(19,6) NOT NULL,"
      + " low NUMERIC(19,6) NOT NULL, close NUMERIC(19,6) NOT NULL, volume BIGINT NOT NULL,"
      + " adjusted_close NUMERIC(19,6), source TEXT NOT NULL) ON COMMIT DELETE ROWS";

  private static final String DIFF_DDL = "CREATE TEMP TABLE IF NOT EXISTS datahub_bars_diff ("
      + "symbol TEXT NOT NULL, \"timestamp\" DATE NOT NULL, open NUMERIC(19,6) NOT NULL, high NUMERIC(19,6) NOT NULL,"
      + " low NUMERIC(19,6) NOT NULL, close NUMERIC(19,6) NOT NULL, volume BIGINT NOT NULL,"
      + " adjusted_close NUMERIC(19,6), source TEXT NOT NULL, is_new BOOLEAN NOT NULL,"
      + " o_open NUMERIC(19,6), o_high NUMERIC(19,6), o_low NUMERIC(19,6), o_close NUMERIC(19,6), o_volume BIGINT,"
      + " o_adjusted_close NUMERIC(19,6), o_source TEXT, o_ingested_at TIMESTAMPTZ) ON COMMIT DELETE ROWS";

  /** Symbols (of the given ranges) that already hold a bar inside their incoming range. */
  private static final String SYMBOLS_WITH_ROWS = "SELECT r.symbol FROM unnest(?::text[], ?::date[], ?::date[])"
      + " AS r(symbol, lo, hi) WHERE EXISTS (SELECT 1 FROM market_data.bars b"
      + " WHERE b.symbol = r.symbol AND b.\"timestamp\" BETWEEN r.lo AND r.hi)";

  private static final String DIFF = "INSERT INTO datahub_bars_diff SELECT s.symbol, s.\"timestamp\", s.open, s.high,"
      + " s.low, s.close, s.volume, s.adjusted_close, s.source, b.symbol IS NULL, b.open, b.high, b.low, b.close,"
      + " b.volume, b.adjusted_close, b.source, b.ingested_at"
      + " FROM datahub_bars_stage s LEFT JOIN market_data.bars b"
      + " ON b.symbol = s.symbol AND b.\"timestamp\" = s.\"timestamp\""
      + " AND b.\"timestamp\" BETWEEN ?::date AND ?::date"
      + " WHERE b.symbol IS NULL OR (b.open, b.high, b.low, b.close, b.volume, b.adjusted_close)"
      + " IS DISTINCT FROM (s.open, s.high, s.low, s.close, s.volume, s.adjusted_close)";

  private static final String KEEP_REVISIONS = "INSERT INTO market_data.bar_revisions (symbol, \"timestamp\", open,"
      + " high, low, close, volume, adjusted_close, previous_source, previous_ingested_at, revised_at, new_source)"
      + " SELECT symbol, \"timestamp\", o_open, o_high, o_low, o_close, o_volume, o_adjusted_close, o_source,"
      + " o_ingested_at, now(), source FROM datahub_bars_diff WHERE NOT is_new";

  private static final String APPLY = "INSERT INTO market_data.bars (" + BarCopyEncoder.COLUMNS + ", ingested_at)"
      + " SELECT symbol, \"timestamp\", open, high, low, close, volume, adjusted_close, source, now()"
      + " FROM datahub_bars_diff ORDER BY symbol, \"timestamp\""
      + " ON CONFLICT (symbol, \"timestamp\") DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high,"
      + " low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume,"
      + " adjusted_close = EXCLUDED.adjusted_close, source = EXCLUDED.source, ingested_at = EXCLUDED.ingested_at";

  private static final String COUNT_DIFF =
      "SELECT count(*) FILTER (WHERE is_new), count(*) FILTER (WHERE NOT is_new) FROM datahub_bars_diff";

  /** Takes the transaction-scoped advisory lock of every symbol, in a fixed order so two writers cannot deadlock. */
  static void lockSymbols(Connection connection, Collection<Symbol> symbols) throws SQLException {
    List<String> names = symbols.stream().map(Symbol::value).sorted().toList();
    try (PreparedStatement lock = connection.prepareStatement(
        "SELECT count(pg_advisory_xact_lock(" + SYMBOL_LOCK_SPACE + ", hashtext(s)))"
            + " FROM (SELECT unnest(?::text[]) AS s ORDER BY 1) ordered")) {
      lock.setArray(1, connection.createArrayOf("text", names.toArray()));
      lock.executeQuery().close();
    }
  }

  LoadResult load(Connection connection, List<DailyBar> sorted) throws SQLException {
    Map<Symbol, List<DailyBar>> groups = PostgresMarketStore.bySymbol(sorted);
    Set<String> withRows = symbolsWithRows(connection, groups);
    List<DailyBar> fresh = new ArrayList<>();
    List<DailyBar> merge = new ArrayList<>();
    for (Map.Entry<Symbol, List<DailyBar>> group : groups.entrySet()) {
      (withRows.contains(group.getKey().value()) ? merge : fresh).addAll(group.getValue());
    }
    LoadResult result = LoadResult.EMPTY;
    if (!fresh.isEmpty()) {
      copy(connection, "COPY market_data.bars (" + BarCopyEncoder.COLUMNS + ") FROM STDIN", fresh);
      result = result.plus(new LoadResult(fresh.size(), 0, 0, List.of()));
    }
    if (!merge.isEmpty()) {
      result = result.plus(merge(connection, merge));
    }
    return result;
  }

  private static Set<String> symbolsWithRows(Connection connection, Map<Symbol, List<DailyBar>> groups)
      throws SQLException {
    int n = groups.size();
    String[] names = new String[n];
    String[] lows = new String[n];
    String[] highs = new String[n];
    int i = 0;
    for (Map.Entry<Symbol, List<DailyBar>> group : groups.entrySet()) {
      List<DailyBar> bars = group.getValue();
      names[i] = group.getKey().value();
      lows[i] = bars.get(0).date().toString();
      highs[i] = bars.get(bars.size() - 1).date().toString();
      i++;
    }
    Set<String> result = new HashSet<>();
    try (PreparedStatement query = connection.prepareStatement(SYMBOLS_WITH_ROWS)) {
      query.setArray(1, connection.createArrayOf("text", names));
      query.setArray(2, connection.createArrayOf("text", lows));
      query.setArray(3, connection.createArrayOf("text", highs));
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          result.add(rs.getString(1));
        }
      }
    }
    return result;
  }

  private static LoadResult merge(Connection connection, List<DailyBar> bars) throws SQLException {
    try (Statement ddl = connection.createStatement()) {
      ddl.execute(STAGE_DDL);
      ddl.execute(DIFF_DDL);
    }
    copy(connection, "COPY datahub_bars_stage (" + BarCopyEncoder.COLUMNS + ") FROM STDIN", bars);
    String lo = bars.stream().map(DailyBar::date).min(Comparable::compareTo).orElseThrow().toString();
    String hi = bars.stream().map(DailyBar::date).max(Comparable::compareTo).orElseThrow().toString();
    try (PreparedStatement diff = connection.prepareStatement(DIFF)) {
      diff.setString(1, lo);
      diff.setString(2, hi);
      diff.executeUpdate();
    }
    long inserted;
    long updated;
    try (Statement count = connection.createStatement(); ResultSet rs = count.executeQuery(COUNT_DIFF)) {
      rs.next();
      inserted = rs.getLong(1);
      updated = rs.getLong(2);
    }
    if (inserted + updated > 0) {
      try (Statement apply = connection.createStatement()) {
        if (updated > 0) {
          apply.executeUpdate(KEEP_REVISIONS);
        }
        apply.executeUpdate(APPLY);
      }
    }
    try (Statement clear = connection.createStatement()) {
      // ON COMMIT DELETE ROWS only fires at commit; a caller writing twice in one transaction needs them empty.
      clear.execute("TRUNCATE datahub_bars_stage, datahub_bars_diff");
    }
    return new LoadResult(inserted, updated, bars.size() - inserted - updated, List.of());
  }

  private static void copy(Connection connection, String sql, List<DailyBar> bars) throws SQLException {
    try {
      connection.unwrap(PGConnection.class).getCopyAPI()
          .copyIn(sql, new ByteArrayInputStream(BarCopyEncoder.encode(bars)));
    } catch (IOException e) {
      throw new SQLException("COPY failed: " + e.getMessage(), "08000", e);
    }
  }
}
