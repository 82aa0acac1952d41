package io.aiinvest.datahub.store.postgres;

import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.Symbol;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Bulk upsert of bars inside the caller's transaction, which holds the symbols' advisory locks.
 *
 * <p>The stored rows of the incoming symbols and date range are read first (one index range scan) and compared in
 * memory. New rows are COPYed straight into {@code bars}; only changed rows go through a staging table and
 * {@code INSERT … ON CONFLICT DO UPDATE}, their old values COPYed into {@code bar_revisions}. Measured on 2 cores:
 * staging every row and letting ON CONFLICT sort it out reaches 0.15-0.29 of raw COPY speed on a reload because it
 * locks and rewrites every row; reading and diffing first makes a reload of unchanged data write nothing at all.
 */
final class PostgresBarWriter {
  /** Key space of the per-symbol advisory locks (first argument of the two-int pg_advisory_xact_lock). */
  private static final int SYMBOL_LOCK_SPACE = 0x64686231;

  /**
   * The stored rows of the batch in COPY text form. COPY takes no bind parameters, so the symbols and dates travel
   * as transaction-local settings bound through set_config.
   */
  private static final String BIND_BATCH = "SELECT set_config('datahub.batch_symbols', ?, true),"
      + " set_config('datahub.batch_from', ?, true), set_config('datahub.batch_to', ?, true)";

  private static final String STORED = "COPY (SELECT symbol, \"timestamp\", open, high, low, close, volume,"
      + " adjusted_close, source, ingested_at FROM market_data.bars"
      + " WHERE symbol = ANY(current_setting('datahub.batch_symbols')::text[])"
      + " AND \"timestamp\" BETWEEN current_setting('datahub.batch_from')::date"
      + " AND current_setting('datahub.batch_to')::date) TO STDOUT";

  private static final String STAGE_DDL = "CREATE TEMP TABLE IF NOT EXISTS datahub_bars_stage ("
      + "symbol TEXT COLLATE \"C\" NOT NULL, \"timestamp\" DATE NOT NULL, open NUMERIC(19,6) NOT NULL,"
      + " high NUMERIC(19,6) NOT NULL, low NUMERIC(19,6) NOT NULL, close NUMERIC(19,6) NOT NULL,"
      + " volume BIGINT NOT NULL, adjusted_close NUMERIC(19,6), source TEXT NOT NULL) ON COMMIT DELETE ROWS";

  private static final String UPSERT_CHANGED = "INSERT INTO market_data.bars (" + BarCopyEncoder.COLUMNS
      + ", ingested_at) SELECT " + BarCopyEncoder.COLUMNS + ", now() FROM datahub_bars_stage"
      + " ON CONFLICT (symbol, \"timestamp\") DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high,"
      + " low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume,"
      + " adjusted_close = EXCLUDED.adjusted_close, source = EXCLUDED.source, ingested_at = EXCLUDED.ingested_at"
      + " WHERE (bars.open, bars.high, bars.low, bars.close, bars.volume, bars.adjusted_close)"
      + " IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.volume,"
      + " EXCLUDED.adjusted_close)";

  private static final String REVISION_COLUMNS = "symbol, \"timestamp\", open, high, low, close, volume,"
      + " adjusted_close, previous_source, previous_ingested_at, new_source";

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

  /**
   * Loads bars sorted by symbol and date; the caller has checked there are no duplicates. Returns each symbol's
   * counts (inserted, updated, unchanged), in symbol order.
   */
  Map<Symbol, LoadResult> load(Connection connection, List<DailyBar> sorted) throws SQLException {
    Map<String, String> stored = stored(connection, sorted);
    List<DailyBar> fresh = new ArrayList<>();
    List<DailyBar> changed = new ArrayList<>();
    StringBuilder revisions = new StringBuilder();
    Map<Symbol, long[]> counts = new LinkedHashMap<>();
    StringBuilder line = new StringBuilder(96);
    for (DailyBar bar : sorted) {
      long[] symbolCounts = counts.computeIfAbsent(bar.symbol(), s -> new long[3]);
      String old = stored.isEmpty() ? null : stored.get(BarCopyEncoder.key(bar));
      if (old == null) {
        fresh.add(bar);
        symbolCounts[0]++;
        continue;
      }
      line.setLength(0);
      BarCopyEncoder.appendValues(line, bar);
      // Both sides are in PostgreSQL's text form (numeric(19,6) prints six decimals, as DailyBar holds them), so
      // equal values give equal text.
      if (old.startsWith(line.toString()) && old.charAt(line.length()) == '\t') {
        symbolCounts[2]++;
      } else {
        changed.add(bar);
        revisions.append(old).append('\t').append(bar.source().value()).append('\n');
        symbolCounts[1]++;
      }
    }
    if (!fresh.isEmpty()) {
      copy(connection, "COPY market_data.bars (" + BarCopyEncoder.COLUMNS + ") FROM STDIN",
          BarCopyEncoder.encode(fresh));
    }
    if (!changed.isEmpty()) {
      copy(connection, "COPY market_data.bar_revisions (" + REVISION_COLUMNS + ") FROM STDIN",
          revisions.toString().getBytes(StandardCharsets.US_ASCII));
      try (Statement ddl = connection.createStatement()) {
        ddl.execute(STAGE_DDL);
      }
      copy(connection, "COPY datahub_bars_stage (" + BarCopyEncoder.COLUMNS + ") FROM STDIN",
          BarCopyEncoder.encode(changed));
      try (Statement upsert = connection.createStatement()) {
        upsert.executeUpdate(UPSERT_CHANGED);
        // ON COMMIT DELETE ROWS only fires at commit; a second write in the same transaction needs it empty.
        upsert.execute("TRUNCATE datahub_bars_stage");
      }
    }
    Map<Symbol, LoadResult> results = new LinkedHashMap<>();
    counts.forEach((symbol, c) -> results.put(symbol, new LoadResult(c[0], c[1], c[2], List.of())));
    return results;
  }

  /** Stored rows of the batch's symbols and date range as COPY text lines, keyed by "symbol TAB date". */
  private static Map<String, String> stored(Connection connection, List<DailyBar> sorted) throws SQLException {
    String symbols = "{" + String.join(",", sorted.stream().map(b -> b.symbol().value()).distinct().toList()) + "}";
    LocalDate lo = sorted.stream().map(DailyBar::date).min(LocalDate::compareTo).orElseThrow();
    LocalDate hi = sorted.stream().map(DailyBar::date).max(LocalDate::compareTo).orElseThrow();
    try (PreparedStatement bind = connection.prepareStatement(BIND_BATCH)) {
      bind.setString(1, symbols);
      bind.setString(2, lo.toString());
      bind.setString(3, hi.toString());
      bind.executeQuery().close();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      connection.unwrap(PGConnection.class).getCopyAPI().copyOut(STORED, out);
    } catch (IOException e) {
      throw new SQLException("COPY of stored bars failed: " + e.getMessage(), "08000", e);
    }
    Map<String, String> result = new HashMap<>();
    String text = out.toString(StandardCharsets.US_ASCII);
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      String row = text.substring(start, end);
      int secondTab = row.indexOf('\t', row.indexOf('\t') + 1);
      result.put(row.substring(0, secondTab), row);
      start = end + 1;
    }
    return result;
  }

  private static void copy(Connection connection, String sql, byte[] rows) throws SQLException {
    try {
      connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(rows));
    } catch (IOException e) {
      throw new SQLException("COPY failed: " + e.getMessage(), "08000", e);
    }
  }
}
