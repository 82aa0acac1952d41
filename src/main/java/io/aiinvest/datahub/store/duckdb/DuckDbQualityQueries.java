package io.aiinvest.datahub.store.duckdb;

import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.AlternateClose;
import io.aiinvest.datahub.store.BarFault;
import io.aiinvest.datahub.store.BarSeries;
import io.aiinvest.datahub.store.QualityWatermark;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The SQL behind the data-quality port methods of {@link DuckDbMarketStore}, as the PostgreSQL store answers them:
 * one ordered read of closes and volumes for the series checks, the guard query for bars that break a rule, provider
 * disagreements from the revision history, and the log's open findings and watermarks.
 */
final class DuckDbQualityQueries {
  private static final String SERIES = "SELECT symbol, \"timestamp\" - DATE '1970-01-01', CAST(close AS DOUBLE),"
      + " volume FROM market_data.bars WHERE list_contains(?, symbol) AND \"timestamp\" BETWEEN ? AND ?"
      + " ORDER BY symbol, \"timestamp\"";
  private static final String SERIES_ACTIONS = "SELECT symbol, action_type, ex_date, split_numerator,"
      + " split_denominator, dividend_amount, currency, source FROM market_data.corporate_actions"
      + " WHERE list_contains(?, symbol) AND ex_date >= ? ORDER BY symbol, ex_date, action_type";

  private static final String BAR_FAULTS = "SELECT symbol, \"timestamp\", CASE"
      + " WHEN open <= 0 OR high <= 0 OR low <= 0 OR close <= 0 THEN 'price_not_positive'"
      + " WHEN high < low THEN 'high_below_low'"
      + " WHEN open < low OR open > high THEN 'open_outside_low_high'"
      + " ELSE 'close_outside_low_high' END"
      + " FROM market_data.bars WHERE list_contains(?, symbol) AND \"timestamp\" BETWEEN ? AND ?"
      + " AND NOT (open > 0 AND close > 0 AND low > 0 AND low <= high AND open BETWEEN low AND high"
      + " AND close BETWEEN low AND high) ORDER BY symbol, \"timestamp\"";

  // The latest close each other provider delivered for a session whose stored bar now comes from a different one.
  private static final String ALTERNATE_CLOSES = "SELECT DISTINCT ON (b.symbol, b.\"timestamp\", r.previous_source)"
      + " b.symbol, b.\"timestamp\", b.source, b.close, r.previous_source, r.close"
      + " FROM market_data.bar_revisions r JOIN market_data.bars b"
      + " ON b.symbol = r.symbol AND b.\"timestamp\" = r.\"timestamp\""
      + " WHERE list_contains(?, r.symbol) AND r.\"timestamp\" BETWEEN ? AND ? AND r.previous_source <> b.source"
      + " ORDER BY b.symbol, b.\"timestamp\", r.previous_source, r.revised_at DESC, r.id DESC";

  private static final String OPEN_FINDINGS = "SELECT id, symbol, check_type, severity, check_time,"
      + " date_range_start, date_range_end, issue_count, CAST(details AS VARCHAR) FROM market_data.data_quality_log"
      + " WHERE NOT resolved AND list_contains(?, symbol) AND list_contains(?, check_type) ORDER BY check_time, id";
  private static final String RESOLVE = "UPDATE market_data.data_quality_log SET resolved = TRUE, resolved_at = ?"
      + " WHERE list_contains(?, id) AND NOT resolved";

  private static final String WATERMARKS = "SELECT symbol, check_type, checked_through"
      + " FROM market_data.quality_watermarks WHERE list_contains(?, symbol) AND list_contains(?, check_type)";
  private static final String RECORD_WATERMARKS = "INSERT INTO market_data.quality_watermarks"
      + " (symbol, check_type, checked_through, checked_at)"
      + " SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::DATE[]), ?"
      + " ON CONFLICT (symbol, check_type) DO UPDATE SET checked_through = EXCLUDED.checked_through,"
      + " checked_at = EXCLUDED.checked_at";

  private DuckDbQualityQueries() {}

  static void forEachSeries(Connection c, Collection<Symbol> symbols, DateRange range, Consumer<BarSeries> consumer)
      throws SQLException {
    TreeSet<Symbol> pending = new TreeSet<>(symbols);
    if (pending.isEmpty()) {
      return;
    }
    Object[] names = pending.stream().map(Symbol::value).toArray();
    Map<Symbol, List<CorporateAction>> actions = seriesActions(c, names, range);
    try (PreparedStatement statement = c.prepareStatement(SERIES)) {
      statement.setArray(1, c.createArrayOf("VARCHAR", names));
      DuckDbQueries.bindRange(statement, 2, range);
      try (ResultSet rs = statement.executeQuery()) {
        Symbol current = null;
        int size = 0;
        int[] days = new int[1024];
        double[] closes = new double[1024];
        long[] volumes = new long[1024];
        while (rs.next()) {
          String name = rs.getString(1);
          if (current == null || !current.value().equals(name)) {
            if (current != null) {
              consumer.accept(new BarSeries(current, days, closes, volumes, size, actions.getOrDefault(current,
                  List.of())));
            }
            current = new Symbol(name);
            emptyBefore(current, pending, actions, consumer);
            pending.remove(current);
            size = 0;
          }
          if (size == days.length) {
            days = Arrays.copyOf(days, size * 2);
            closes = Arrays.copyOf(closes, size * 2);
            volumes = Arrays.copyOf(volumes, size * 2);
          }
          days[size] = (int) rs.getLong(2);
          closes[size] = rs.getDouble(3);
          volumes[size] = rs.getLong(4);
          size++;
        }
        if (current != null) {
          consumer.accept(new BarSeries(current, days, closes, volumes, size, actions.getOrDefault(current,
              List.of())));
        }
      }
    }
    emptyBefore(null, pending, actions, consumer);
  }

  /** The empty series of symbols without bars, in order, before {@code next} (all remaining when it is null). */
  private static void emptyBefore(Symbol next, TreeSet<Symbol> pending, Map<Symbol, List<CorporateAction>> actions,
      Consumer<BarSeries> consumer) {
    while (!pending.isEmpty() && (next == null || pending.first().compareTo(next) < 0)) {
      Symbol empty = pending.pollFirst();
      consumer.accept(new BarSeries(empty, new int[0], new double[0], new long[0], 0,
          actions.getOrDefault(empty, List.of())));
    }
  }

  private static Map<Symbol, List<CorporateAction>> seriesActions(Connection c, Object[] names, DateRange range)
      throws SQLException {
    Map<Symbol, List<CorporateAction>> result = new HashMap<>();
    try (PreparedStatement statement = c.prepareStatement(SERIES_ACTIONS)) {
      statement.setArray(1, c.createArrayOf("VARCHAR", names));
      statement.setObject(2, range.from().orElse(LocalDate.of(1900, 1, 1)));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          Symbol symbol = new Symbol(rs.getString(1));
          result.computeIfAbsent(symbol, s -> new ArrayList<>()).add(DuckDbQueries.action(symbol, rs, 2));
        }
      }
    }
    return result;
  }

  static List<BarFault> barFaults(Connection c, Collection<Symbol> symbols, DateRange range) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(BAR_FAULTS)) {
      statement.setArray(1, c.createArrayOf("VARCHAR", symbols.stream().map(Symbol::value).distinct().toArray()));
      DuckDbQueries.bindRange(statement, 2, range);
      List<BarFault> result = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          result.add(new BarFault(new Symbol(rs.getString(1)), rs.getObject(2, LocalDate.class), rs.getString(3)));
        }
      }
      return result;
    }
  }

  static List<AlternateClose> alternateCloses(Connection c, Collection<Symbol> symbols, DateRange range)
      throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(ALTERNATE_CLOSES)) {
      statement.setArray(1, c.createArrayOf("VARCHAR", symbols.stream().map(Symbol::value).distinct().toArray()));
      DuckDbQueries.bindRange(statement, 2, range);
      List<AlternateClose> result = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          result.add(new AlternateClose(new Symbol(rs.getString(1)), rs.getObject(2, LocalDate.class),
              new ProviderId(rs.getString(3)), rs.getBigDecimal(4), new ProviderId(rs.getString(5)),
              rs.getBigDecimal(6)));
        }
      }
      return result;
    }
  }

  static List<QualityFinding> openFindings(Connection c, Collection<Symbol> symbols, Collection<String> checkTypes)
      throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(OPEN_FINDINGS)) {
      statement.setArray(1, c.createArrayOf("VARCHAR", symbols.stream().map(Symbol::value).distinct().toArray()));
      statement.setArray(2, c.createArrayOf("VARCHAR", checkTypes.stream().distinct().toArray()));
      List<QualityFinding> result = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          result.add(new QualityFinding(
              Optional.of(rs.getLong(1)),
              new Symbol(rs.getString(2)),
              rs.getString(3),
              Severity.valueOf(rs.getString(4)),
              DuckDbQueries.instant(rs, 5).orElseThrow(),
              Optional.ofNullable(rs.getObject(6, LocalDate.class)),
              Optional.ofNullable(rs.getObject(7, LocalDate.class)),
              rs.getInt(8),
              rs.getString(9),
              Optional.empty()));
        }
      }
      return result;
    }
  }

  static int resolveFindings(Connection c, Collection<Long> ids, Instant at) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(RESOLVE)) {
      statement.setObject(1, DuckDbQueries.utc(at));
      statement.setArray(2, c.createArrayOf("BIGINT", ids.stream().distinct().toArray()));
      return statement.executeUpdate();
    }
  }

  static List<QualityWatermark> watermarks(Connection c, Collection<Symbol> symbols, Collection<String> checkTypes)
      throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(WATERMARKS)) {
      statement.setArray(1, c.createArrayOf("VARCHAR", symbols.stream().map(Symbol::value).distinct().toArray()));
      statement.setArray(2, c.createArrayOf("VARCHAR", checkTypes.stream().distinct().toArray()));
      List<QualityWatermark> result = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          result.add(new QualityWatermark(new Symbol(rs.getString(1)), rs.getString(2),
              rs.getObject(3, LocalDate.class)));
        }
      }
      return result;
    }
  }

  static void recordWatermarks(Connection c, Collection<QualityWatermark> watermarks, Instant at)
      throws SQLException {
    // A later entry for the same symbol and check wins: ON CONFLICT cannot touch one row twice in a statement.
    Map<String, QualityWatermark> unique = new LinkedHashMap<>();
    watermarks.forEach(w -> unique.put(w.symbol().value() + '\u0000' + w.checkType(), w));
    try (PreparedStatement statement = c.prepareStatement(RECORD_WATERMARKS)) {
      statement.setArray(1, c.createArrayOf("VARCHAR", unique.values().stream().map(w -> w.symbol().value())
          .toArray()));
      statement.setArray(2, c.createArrayOf("VARCHAR", unique.values().stream().map(QualityWatermark::checkType)
          .toArray()));
      statement.setArray(3, c.createArrayOf("DATE", unique.values().stream().map(QualityWatermark::checkedThrough)
          .toArray()));
      statement.setObject(4, DuckDbQueries.utc(at));
      statement.executeUpdate();
    }
  }
}
