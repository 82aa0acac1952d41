package io.aiinvest.datahub.store;

import static io.aiinvest.datahub.store.JdbcDatabase.list;

import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.SqlDialect.ElementType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The SQL behind the data-quality port methods of the JDBC stores: the one ordered read of closes and volumes the
 * series checks share (through the store's {@link SeriesReader}), the guard query for bars that break a rule, provider
 * disagreements from the revision history, and the log's open findings and watermarks.
 */
public final class JdbcQualityQueries {
  // Unnests in one select list advance together, on PostgreSQL as on DuckDB: one row per watermark.
  private static final String RECORD_WATERMARKS = "INSERT INTO market_data.quality_watermarks"
      + " (symbol, check_type, checked_through, checked_at)"
      + " SELECT unnest(CAST(? AS TEXT[])), unnest(CAST(? AS TEXT[])), unnest(CAST(? AS DATE[])),"
      + " CAST(? AS TIMESTAMPTZ)"
      + " ON CONFLICT (symbol, check_type) DO UPDATE SET checked_through = EXCLUDED.checked_through,"
      + " checked_at = EXCLUDED.checked_at";
  // Every check's watermark of a symbol is lowered, none raised; checked_at stays the time of the run that examined.
  private static final String LOWER_WATERMARKS = "UPDATE market_data.quality_watermarks SET checked_through ="
      + " lowered.through FROM (SELECT unnest(CAST(? AS TEXT[])) AS symbol, unnest(CAST(? AS DATE[])) AS through)"
      + " AS lowered WHERE quality_watermarks.symbol = lowered.symbol"
      + " AND quality_watermarks.checked_through > lowered.through";

  private final JdbcDatabase db;
  private final SqlDialect dialect;
  private final SeriesReader seriesReader;
  private final String seriesActionsSql;
  private final String barFaultsSql;
  private final String alternateClosesSql;
  private final String openFindingsSql;
  private final String resolveSql;
  private final String watermarksSql;

  public JdbcQualityQueries(JdbcDatabase db, SeriesReader seriesReader) {
    this.db = db;
    this.dialect = db.dialect();
    this.seriesReader = seriesReader;
    String symbolIn = dialect.inArray("symbol", ElementType.TEXT);
    String checkTypeIn = dialect.inArray("check_type", ElementType.TEXT);
    this.seriesActionsSql = "SELECT symbol, " + JdbcQueries.ACTION_COLUMNS + ", source"
        + " FROM market_data.corporate_actions WHERE " + symbolIn + " AND ex_date >= ?"
        + " ORDER BY symbol, ex_date, action_type";
    this.barFaultsSql = "SELECT symbol, \"timestamp\", CASE"
        + " WHEN open <= 0 OR high <= 0 OR low <= 0 OR close <= 0 THEN 'price_not_positive'"
        + " WHEN high < low THEN 'high_below_low'"
        + " WHEN open < low OR open > high THEN 'open_outside_low_high'"
        + " ELSE 'close_outside_low_high' END"
        + " FROM market_data.bars WHERE " + symbolIn + " AND \"timestamp\" BETWEEN ? AND ?"
        + " AND NOT (open > 0 AND close > 0 AND low > 0 AND low <= high AND open BETWEEN low AND high"
        + " AND close BETWEEN low AND high) ORDER BY symbol, \"timestamp\"";
    // The latest close each other provider delivered for a session whose stored bar now comes from a different one.
    this.alternateClosesSql = "SELECT DISTINCT ON (b.symbol, b.\"timestamp\", r.previous_source)"
        + " b.symbol, b.\"timestamp\", b.source, b.close, r.previous_source, r.close"
        + " FROM market_data.bar_revisions r JOIN market_data.bars b"
        + " ON b.symbol = r.symbol AND b.\"timestamp\" = r.\"timestamp\""
        + " WHERE " + dialect.inArray("r.symbol", ElementType.TEXT)
        + " AND r.\"timestamp\" BETWEEN ? AND ? AND r.previous_source <> b.source"
        + " ORDER BY b.symbol, b.\"timestamp\", r.previous_source, r.revised_at DESC, r.id DESC";
    this.openFindingsSql = "SELECT id, symbol, check_type, severity, check_time, date_range_start, date_range_end,"
        + " issue_count, CAST(details AS TEXT) FROM market_data.data_quality_log"
        + " WHERE NOT resolved AND " + symbolIn + " AND " + checkTypeIn + " ORDER BY check_time, id";
    this.resolveSql = "UPDATE market_data.data_quality_log SET resolved = TRUE, resolved_at = ?"
        + " WHERE " + dialect.inArray("id", ElementType.BIGINT) + " AND NOT resolved";
    this.watermarksSql = "SELECT symbol, check_type, checked_through FROM market_data.quality_watermarks"
        + " WHERE " + symbolIn + " AND " + checkTypeIn;
  }

  public void forEachSeries(Collection<Symbol> symbols, DateRange range, Consumer<BarSeries> consumer) {
    TreeSet<Symbol> sorted = new TreeSet<>(symbols);
    if (sorted.isEmpty()) {
      return;
    }
    List<String> names = sorted.stream().map(Symbol::value).toList();
    db.run("reading the series of " + sorted.size() + " symbols", c -> {
      SeriesAssembler assembler = new SeriesAssembler(sorted, seriesActions(c, names, range), consumer);
      seriesReader.read(c, names, range, assembler);
      assembler.finish();
      return null;
    });
  }

  private Map<Symbol, List<CorporateAction>> seriesActions(Connection c, List<String> names, DateRange range)
      throws SQLException {
    Map<Symbol, List<CorporateAction>> result = new HashMap<>();
    try (PreparedStatement statement = c.prepareStatement(seriesActionsSql)) {
      statement.setArray(1, dialect.array(c, ElementType.TEXT, names));
      dialect.setDate(statement, 2, range.from().orElse(SqlDialect.MIN_DATE));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          Symbol symbol = new Symbol(rs.getString(1));
          result.computeIfAbsent(symbol, s -> new ArrayList<>()).add(JdbcQueries.action(dialect, symbol, rs, 2));
        }
      }
    }
    return result;
  }

  public List<BarFault> barFaults(Collection<Symbol> symbols, DateRange range) {
    if (symbols.isEmpty()) {
      return List.of();
    }
    return db.run("checking stored bars of " + symbols.size() + " symbols", c -> {
      try (PreparedStatement statement = c.prepareStatement(barFaultsSql)) {
        statement.setArray(1, symbolArray(c, symbols));
        dialect.bindRange(statement, 2, range);
        return list(statement, rs -> new BarFault(new Symbol(rs.getString(1)), dialect.getDate(rs, 2),
            rs.getString(3)));
      }
    });
  }

  public List<AlternateClose> alternateCloses(Collection<Symbol> symbols, DateRange range) {
    if (symbols.isEmpty()) {
      return List.of();
    }
    return db.run("reading other providers' closes of " + symbols.size() + " symbols", c -> {
      try (PreparedStatement statement = c.prepareStatement(alternateClosesSql)) {
        statement.setArray(1, symbolArray(c, symbols));
        dialect.bindRange(statement, 2, range);
        return list(statement, rs -> new AlternateClose(new Symbol(rs.getString(1)), dialect.getDate(rs, 2),
            new ProviderId(rs.getString(3)), rs.getBigDecimal(4), new ProviderId(rs.getString(5)),
            rs.getBigDecimal(6)));
      }
    });
  }

  public List<QualityFinding> openFindings(Collection<Symbol> symbols, Collection<String> checkTypes) {
    if (symbols.isEmpty() || checkTypes.isEmpty()) {
      return List.of();
    }
    return db.run("reading open data-quality findings", c -> {
      try (PreparedStatement statement = c.prepareStatement(openFindingsSql)) {
        statement.setArray(1, symbolArray(c, symbols));
        statement.setArray(2, dialect.array(c, ElementType.TEXT, checkTypes.stream().distinct().toList()));
        return list(statement, rs -> JdbcQueries.finding(dialect, rs, null));
      }
    });
  }

  public int resolveFindings(Collection<Long> ids, Instant at) {
    if (ids.isEmpty()) {
      return 0;
    }
    return db.run("resolving " + ids.size() + " data-quality findings", c -> {
      try (PreparedStatement statement = c.prepareStatement(resolveSql)) {
        dialect.setInstant(statement, 1, at);
        statement.setArray(2, dialect.array(c, ElementType.BIGINT, ids.stream().distinct().toList()));
        return statement.executeUpdate();
      }
    });
  }

  public List<QualityWatermark> watermarks(Collection<Symbol> symbols, Collection<String> checkTypes) {
    if (symbols.isEmpty() || checkTypes.isEmpty()) {
      return List.of();
    }
    return db.run("reading data-quality watermarks", c -> {
      try (PreparedStatement statement = c.prepareStatement(watermarksSql)) {
        statement.setArray(1, symbolArray(c, symbols));
        statement.setArray(2, dialect.array(c, ElementType.TEXT, checkTypes.stream().distinct().toList()));
        return list(statement, rs -> new QualityWatermark(new Symbol(rs.getString(1)), rs.getString(2),
            dialect.getDate(rs, 3)));
      }
    });
  }

  public void recordWatermarks(Collection<QualityWatermark> watermarks, Instant at) {
    if (watermarks.isEmpty()) {
      return;
    }
    // A later entry for the same symbol and check wins: ON CONFLICT cannot touch one row twice in a statement.
    Map<String, QualityWatermark> unique = new LinkedHashMap<>();
    watermarks.forEach(w -> unique.put(w.symbol().value() + '\u0000' + w.checkType(), w));
    db.run("recording " + watermarks.size() + " data-quality watermarks", c -> {
      try (PreparedStatement statement = c.prepareStatement(RECORD_WATERMARKS)) {
        statement.setArray(1, dialect.array(c, ElementType.TEXT,
            unique.values().stream().map(w -> w.symbol().value()).toList()));
        statement.setArray(2, dialect.array(c, ElementType.TEXT,
            unique.values().stream().map(QualityWatermark::checkType).toList()));
        statement.setArray(3, dialect.array(c, ElementType.DATE,
            unique.values().stream().map(QualityWatermark::checkedThrough).toList()));
        dialect.setInstant(statement, 4, at);
        return statement.executeUpdate();
      }
    });
  }

  public int lowerWatermarks(Map<Symbol, LocalDate> through) {
    if (through.isEmpty()) {
      return 0;
    }
    List<Map.Entry<Symbol, LocalDate>> entries = List.copyOf(through.entrySet());
    return db.run("lowering the data-quality watermarks of " + entries.size() + " symbols", c -> {
      try (PreparedStatement statement = c.prepareStatement(LOWER_WATERMARKS)) {
        statement.setArray(1, dialect.array(c, ElementType.TEXT, entries.stream().map(e -> e.getKey().value())
            .toList()));
        statement.setArray(2, dialect.array(c, ElementType.DATE, entries.stream().map(Map.Entry::getValue)
            .toList()));
        return statement.executeUpdate();
      }
    });
  }

  private Array symbolArray(Connection c, Collection<Symbol> symbols) throws SQLException {
    return dialect.array(c, ElementType.TEXT, symbols.stream().map(Symbol::value).distinct().toList());
  }
}
