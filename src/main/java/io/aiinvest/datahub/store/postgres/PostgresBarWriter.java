package io.aiinvest.datahub.store.postgres;

import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private static final String STORED = "SELECT symbol, \"timestamp\", open, high, low, close, volume, adjusted_close,"
      + " source, ingested_at FROM market_data.bars"
      + " WHERE symbol = ANY(?::text[]) AND \"timestamp\" BETWEEN ? AND ?";

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

  private record Key(String symbol, LocalDate date) {}

  /** A stored row: its bar plus when and from where it came. */
  private record Stored(DailyBar bar, OffsetDateTime ingestedAt) {}

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
   * counts, in symbol order.
   */
  Map<Symbol, LoadResult> load(Connection connection, List<DailyBar> sorted) throws SQLException {
    Map<Key, Stored> stored = stored(connection, sorted);
    List<DailyBar> fresh = new ArrayList<>();
    List<DailyBar> changed = new ArrayList<>();
    List<Stored> replaced = new ArrayList<>();
    Map<Symbol, long[]> counts = new LinkedHashMap<>();
    for (DailyBar bar : sorted) {
      Stored old = stored.isEmpty() ? null : stored.get(new Key(bar.symbol().value(), bar.date()));
      long[] symbolCounts = counts.computeIfAbsent(bar.symbol(), s -> new long[3]);
      if (old == null) {
        fresh.add(bar);
        symbolCounts[0]++;
      } else if (old.bar().sameValues(bar)) {
        symbolCounts[2]++;
      } else {
        changed.add(bar);
        replaced.add(old);
        symbolCounts[1]++;
      }
    }
    if (!fresh.isEmpty()) {
      copy(connection, "COPY market_data.bars (" + BarCopyEncoder.COLUMNS + ") FROM STDIN",
          BarCopyEncoder.encode(fresh));
    }
    if (!changed.isEmpty()) {
      copy(connection, "COPY market_data.bar_revisions (" + REVISION_COLUMNS + ") FROM STDIN",
          encodeRevisions(replaced, changed));
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

  private static Map<Key, Stored> stored(Connection connection, List<DailyBar> sorted) throws SQLException {
    Object[] symbols = sorted.stream().map(b -> b.symbol().value()).distinct().toArray();
    LocalDate lo = sorted.stream().map(DailyBar::date).min(LocalDate::compareTo).orElseThrow();
    LocalDate hi = sorted.stream().map(DailyBar::date).max(LocalDate::compareTo).orElseThrow();
    Map<Key, Stored> result = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement(STORED)) {
      query.setFetchSize(20_000);
      query.setArray(1, connection.createArrayOf("text", symbols));
      query.setDate(2, Date.valueOf(lo));
      query.setDate(3, Date.valueOf(hi));
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          DailyBar bar = new DailyBar(
              new Symbol(rs.getString(1)),
              rs.getDate(2).toLocalDate(),
              rs.getBigDecimal(3),
              rs.getBigDecimal(4),
              rs.getBigDecimal(5),
              rs.getBigDecimal(6),
              rs.getLong(7),
              Optional.ofNullable(rs.getBigDecimal(8)),
              new ProviderId(rs.getString(9)));
          result.put(new Key(bar.symbol().value(), bar.date()),
              new Stored(bar, rs.getObject(10, OffsetDateTime.class)));
        }
      }
    }
    return result;
  }

  private static byte[] encodeRevisions(List<Stored> replaced, List<DailyBar> replacements) {
    StringBuilder out = new StringBuilder(replaced.size() * 128);
    for (int i = 0; i < replaced.size(); i++) {
      DailyBar old = replaced.get(i).bar();
      out.append(old.symbol().value()).append('\t')
          .append(old.date()).append('\t')
          .append(old.open().toPlainString()).append('\t')
          .append(old.high().toPlainString()).append('\t')
          .append(old.low().toPlainString()).append('\t')
          .append(old.close().toPlainString()).append('\t')
          .append(old.volume()).append('\t')
          .append(old.adjustedClose().map(BigDecimal::toPlainString).orElse("\\N")).append('\t')
          .append(old.source().value()).append('\t')
          .append(replaced.get(i).ingestedAt()).append('\t')
          .append(replacements.get(i).source().value()).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void copy(Connection connection, String sql, byte[] rows) throws SQLException {
    try {
      connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(rows));
    } catch (IOException e) {
      throw new SQLException("COPY failed: " + e.getMessage(), "08000", e);
    }
  }
}
