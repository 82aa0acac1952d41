package io.aiinvest.datahub.store;

import static io.aiinvest.datahub.store.JdbcDatabase.list;

import io.aiinvest.datahub.domain.ActionRevision;
import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.BarRevision;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.SqlDialect.ElementType;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reads and small writes of the JDBC stores, each one statement with bound parameters; what the databases spell
 * differently comes from the store's {@link SqlDialect}.
 */
public final class JdbcQueries {
  private static final String SYMBOL_COLUMNS =
      "symbol, name, exchange, asset_type, sector, industry, is_active, data_source, listed_on, delisted_on";

  private static final String UPSERT_SYMBOL = "INSERT INTO market_data.symbol_map (" + SYMBOL_COLUMNS + ")"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (symbol) DO UPDATE SET"
      + " name = COALESCE(EXCLUDED.name, symbol_map.name),"
      + " exchange = COALESCE(EXCLUDED.exchange, symbol_map.exchange),"
      + " asset_type = COALESCE(EXCLUDED.asset_type, symbol_map.asset_type),"
      + " sector = COALESCE(EXCLUDED.sector, symbol_map.sector),"
      + " industry = COALESCE(EXCLUDED.industry, symbol_map.industry),"
      + " is_active = EXCLUDED.is_active,"
      + " data_source = COALESCE(EXCLUDED.data_source, symbol_map.data_source),"
      + " listed_on = COALESCE(EXCLUDED.listed_on, symbol_map.listed_on),"
      + " delisted_on = COALESCE(EXCLUDED.delisted_on, symbol_map.delisted_on), updated_at = now()"
      + " RETURNING " + SYMBOL_COLUMNS;

  private static final String BAR_COLUMNS =
      "symbol, \"timestamp\", open, high, low, close, volume, adjusted_close, source";

  /** The columns {@link #action} reads, before the source column. */
  static final String ACTION_COLUMNS =
      "action_type, ex_date, split_numerator, split_denominator, dividend_amount, currency";

  private final JdbcDatabase db;
  private final SqlDialect dialect;
  private final String registeredSql;
  private final String barDaysSql;
  private final String insertFindingSql;
  private final String findingsSql;

  public JdbcQueries(JdbcDatabase db) {
    this.db = db;
    this.dialect = db.dialect();
    this.registeredSql = "SELECT symbol FROM market_data.symbol_map WHERE "
        + dialect.inArray("symbol", ElementType.TEXT);
    this.barDaysSql = "SELECT symbol, \"timestamp\" - DATE '1970-01-01' FROM market_data.bars WHERE "
        + dialect.inArray("symbol", ElementType.TEXT) + " AND \"timestamp\" BETWEEN ? AND ?"
        + " ORDER BY symbol, \"timestamp\"";
    this.insertFindingSql = "INSERT INTO market_data.data_quality_log (symbol, check_type, severity, check_time,"
        + " date_range_start, date_range_end, issue_count, details, resolved, resolved_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS " + dialect.jsonType() + "), ?, ?) RETURNING id";
    this.findingsSql = "SELECT id, symbol, check_type, severity, check_time, date_range_start, date_range_end,"
        + " issue_count, CAST(details AS TEXT), resolved_at FROM market_data.data_quality_log"
        + " WHERE (symbol = ? OR CAST(? AS TEXT) IS NULL) AND " + dialect.inArray("severity", ElementType.TEXT)
        + " AND (check_type = ? OR CAST(? AS TEXT) IS NULL) AND (check_time >= ? OR CAST(? AS TIMESTAMPTZ) IS NULL)"
        + " AND (NOT resolved OR NOT ?) ORDER BY check_time DESC, id DESC LIMIT ?";
  }

  public SymbolInfo upsertSymbol(SymbolInfo info) {
    return db.run("storing symbol " + info.symbol(), c -> {
      try (PreparedStatement statement = c.prepareStatement(UPSERT_SYMBOL)) {
        statement.setString(1, info.symbol().value());
        statement.setString(2, info.name().orElse(null));
        statement.setString(3, info.exchange().orElse(null));
        statement.setString(4, info.assetType().orElse(null));
        statement.setString(5, info.sector().orElse(null));
        statement.setString(6, info.industry().orElse(null));
        statement.setBoolean(7, info.active());
        statement.setString(8, info.dataSource().orElse(null));
        dialect.setDate(statement, 9, info.listedOn().orElse(null));
        dialect.setDate(statement, 10, info.delistedOn().orElse(null));
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          return symbolInfo(rs);
        }
      }
    });
  }

  public Optional<SymbolInfo> findSymbol(Symbol symbol) {
    return db.run("reading symbol " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement(
          "SELECT " + SYMBOL_COLUMNS + " FROM market_data.symbol_map WHERE symbol = ?")) {
        statement.setString(1, symbol.value());
        try (ResultSet rs = statement.executeQuery()) {
          return rs.next() ? Optional.of(symbolInfo(rs)) : Optional.empty();
        }
      }
    });
  }

  public List<SymbolInfo> listSymbols(boolean includeInactive) {
    return db.run("listing symbols", c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT " + SYMBOL_COLUMNS
          + " FROM market_data.symbol_map WHERE is_active OR ? ORDER BY symbol")) {
        statement.setBoolean(1, includeInactive);
        return list(statement, this::symbolInfo);
      }
    });
  }

  /** The registered symbols among the given ones. */
  public Set<Symbol> registered(Collection<Symbol> symbols) {
    return db.run("checking symbols", c -> {
      try (PreparedStatement statement = c.prepareStatement(registeredSql)) {
        statement.setArray(1, dialect.array(c, ElementType.TEXT, symbols.stream().map(Symbol::value).toList()));
        return new HashSet<>(list(statement, rs -> new Symbol(rs.getString(1))));
      }
    });
  }

  private SymbolInfo symbolInfo(ResultSet rs) throws SQLException {
    return new SymbolInfo(
        new Symbol(rs.getString(1)),
        Optional.ofNullable(rs.getString(2)),
        Optional.ofNullable(rs.getString(3)),
        Optional.ofNullable(rs.getString(4)),
        Optional.ofNullable(rs.getString(5)),
        Optional.ofNullable(rs.getString(6)),
        rs.getBoolean(7),
        Optional.ofNullable(rs.getString(8)),
        Optional.ofNullable(dialect.getDate(rs, 9)),
        Optional.ofNullable(dialect.getDate(rs, 10)));
  }

  public List<DailyBar> bars(Symbol symbol, DateRange range) {
    return db.run("reading bars of " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT " + BAR_COLUMNS
          + " FROM market_data.bars WHERE symbol = ? AND \"timestamp\" BETWEEN ? AND ? ORDER BY \"timestamp\"")) {
        statement.setString(1, symbol.value());
        dialect.bindRange(statement, 2, range);
        return list(statement, rs -> bar(rs, 1));
      }
    });
  }

  /** For each date, the latest stored bar strictly before it, in one statement whatever the number of dates. */
  public Map<LocalDate, DailyBar> previousBars(Symbol symbol, Collection<LocalDate> dates) {
    if (dates.isEmpty()) {
      return Map.of();
    }
    return db.run("reading the bars before " + dates.size() + " dates of " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement(dialect.previousBars(BAR_COLUMNS))) {
        statement.setArray(1, dialect.array(c, ElementType.DATE, dates.stream().distinct().toList()));
        statement.setString(2, symbol.value());
        Map<LocalDate, DailyBar> result = new HashMap<>();
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            result.put(dialect.getDate(rs, 1), bar(rs, 2));
          }
        }
        return result;
      }
    });
  }

  private DailyBar bar(ResultSet rs, int first) throws SQLException {
    return new DailyBar(
        new Symbol(rs.getString(first)),
        dialect.getDate(rs, first + 1),
        rs.getBigDecimal(first + 2),
        rs.getBigDecimal(first + 3),
        rs.getBigDecimal(first + 4),
        rs.getBigDecimal(first + 5),
        rs.getLong(first + 6),
        Optional.ofNullable(rs.getBigDecimal(first + 7)),
        new ProviderId(rs.getString(first + 8)));
  }

  /**
   * The dates in the range in one ordered pass, sent as day numbers that the drivers decode without a time-zone
   * conversion (a full-history check reads millions). When the range is open its dates are all of a symbol's, so they
   * give its first and last bar date too; otherwise the dialect's span query does. Measured on PostgreSQL: 5,000
   * symbols × 1,000 sessions read in about 3.5 s, the spans of 500 symbols in 25 ms.
   */
  public Map<Symbol, BarDates> barDates(Collection<Symbol> symbols, DateRange range) {
    if (symbols.isEmpty()) {
      return Map.of();
    }
    return db.run("reading bar dates of " + symbols.size() + " symbols", c -> {
      List<String> names = symbols.stream().map(Symbol::value).distinct().toList();
      Map<Symbol, List<LocalDate>> dates = new HashMap<>();
      try (PreparedStatement statement = c.prepareStatement(barDaysSql)) {
        // PostgreSQL streams through a cursor only inside a transaction; the fetch size keeps a long history from
        // arriving in one piece.
        c.setAutoCommit(false);
        statement.setFetchSize(50_000);
        statement.setArray(1, dialect.array(c, ElementType.TEXT, names));
        dialect.bindRange(statement, 2, range);
        try (ResultSet rs = statement.executeQuery()) {
          String current = null;
          List<LocalDate> list = null;
          while (rs.next()) {
            String name = rs.getString(1);
            if (!name.equals(current)) {
              current = name;
              list = new ArrayList<>();
              dates.put(new Symbol(name), list);
            }
            list.add(LocalDate.ofEpochDay(rs.getLong(2)));
          }
        }
        c.commit();
      }
      boolean wholeHistory = range.from().isEmpty() && range.to().isEmpty();
      Map<Symbol, LocalDate[]> spans = wholeHistory ? Map.of() : spans(c, names);
      Map<Symbol, BarDates> result = new LinkedHashMap<>();
      for (Symbol symbol : symbols) {
        List<LocalDate> inRange = dates.getOrDefault(symbol, List.of());
        LocalDate[] span = wholeHistory
            ? new LocalDate[] {inRange.isEmpty() ? null : inRange.get(0),
                inRange.isEmpty() ? null : inRange.get(inRange.size() - 1)}
            : spans.getOrDefault(symbol, new LocalDate[2]);
        result.put(symbol, new BarDates(symbol, Optional.ofNullable(span[0]), Optional.ofNullable(span[1]), range,
            inRange));
      }
      return result;
    });
  }

  /** First and last bar date of each symbol that has bars. */
  private Map<Symbol, LocalDate[]> spans(Connection c, List<String> names) throws SQLException {
    Map<Symbol, LocalDate[]> spans = new HashMap<>();
    try (PreparedStatement statement = c.prepareStatement(dialect.barSpans())) {
      statement.setArray(1, dialect.array(c, ElementType.TEXT, names));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          LocalDate first = dialect.getDate(rs, 2);
          if (first != null) {
            spans.put(new Symbol(rs.getString(1)), new LocalDate[] {first, dialect.getDate(rs, 3)});
          }
        }
      }
    }
    return spans;
  }

  public Optional<LocalDate> barDate(Symbol symbol, boolean first) {
    return db.run("reading bar dates of " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement(dialect.barDate(first))) {
        statement.setString(1, symbol.value());
        try (ResultSet rs = statement.executeQuery()) {
          return rs.next() ? Optional.ofNullable(dialect.getDate(rs, 1)) : Optional.empty();
        }
      }
    });
  }

  public long countBars(Optional<Symbol> symbol) {
    return db.run("counting bars", c -> {
      try (PreparedStatement statement = c.prepareStatement(
          "SELECT count(*) FROM market_data.bars WHERE symbol = ? OR CAST(? AS TEXT) IS NULL")) {
        statement.setString(1, symbol.map(Symbol::value).orElse(null));
        statement.setString(2, symbol.map(Symbol::value).orElse(null));
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  public List<BarRevision> revisions(Symbol symbol, DateRange range) {
    return db.run("reading revisions of " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT " + BAR_COLUMNS.replace("source",
              "previous_source") + ", previous_ingested_at, revised_at, new_source FROM market_data.bar_revisions"
          + " WHERE symbol = ? AND \"timestamp\" BETWEEN ? AND ? ORDER BY revised_at, id")) {
        statement.setString(1, symbol.value());
        dialect.bindRange(statement, 2, range);
        return list(statement, rs -> new BarRevision(
            bar(rs, 1), dialect.getInstant(rs, 10), dialect.getInstant(rs, 11), new ProviderId(rs.getString(12))));
      }
    });
  }

  public List<CorporateAction> actions(Symbol symbol, DateRange range) {
    return db.run("reading corporate actions of " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT " + ACTION_COLUMNS
          + ", source FROM market_data.corporate_actions"
          + " WHERE symbol = ? AND ex_date BETWEEN ? AND ? ORDER BY ex_date, action_type")) {
        statement.setString(1, symbol.value());
        dialect.bindRange(statement, 2, range);
        return list(statement, rs -> action(dialect, symbol, rs, 1));
      }
    });
  }

  public List<ActionRevision> actionRevisions(Symbol symbol, DateRange range) {
    return db.run("reading corporate action revisions of " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT " + ACTION_COLUMNS
          + ", previous_source, change, revised_at, new_source FROM market_data.corporate_action_revisions"
          + " WHERE symbol = ? AND ex_date BETWEEN ? AND ? ORDER BY revised_at, id")) {
        statement.setString(1, symbol.value());
        dialect.bindRange(statement, 2, range);
        return list(statement, rs -> new ActionRevision(
            action(dialect, symbol, rs, 1),
            ActionRevision.Change.fromDb(rs.getString(8)),
            dialect.getInstant(rs, 9),
            Optional.ofNullable(rs.getString(10)).map(ProviderId::new)));
      }
    });
  }

  /** An action from the columns type, ex-date, numerator, denominator, amount, currency, source at {@code first}. */
  static CorporateAction action(SqlDialect dialect, Symbol symbol, ResultSet rs, int first) throws SQLException {
    return new CorporateAction(
        symbol,
        ActionType.fromDb(rs.getString(first)),
        dialect.getDate(rs, first + 1),
        Optional.ofNullable(rs.getBigDecimal(first + 2)),
        Optional.ofNullable(rs.getBigDecimal(first + 3)),
        Optional.ofNullable(rs.getBigDecimal(first + 4)),
        Optional.ofNullable(rs.getString(first + 5)),
        new ProviderId(rs.getString(first + 6)));
  }

  /** Appends the findings in one transaction; returns them with their ids. */
  public List<QualityFinding> insertFindings(List<QualityFinding> findings) {
    if (findings.isEmpty()) {
      return List.of();
    }
    return db.inTransaction("writing " + findings.size() + " quality findings", c -> {
      List<QualityFinding> stored = new ArrayList<>();
      try (PreparedStatement statement = c.prepareStatement(insertFindingSql)) {
        for (QualityFinding finding : findings) {
          statement.setString(1, finding.symbol().value());
          statement.setString(2, finding.checkType());
          statement.setString(3, finding.severity().name());
          dialect.setInstant(statement, 4, finding.checkTime());
          dialect.setDate(statement, 5, finding.rangeStart().orElse(null));
          dialect.setDate(statement, 6, finding.rangeEnd().orElse(null));
          statement.setInt(7, finding.issueCount());
          statement.setString(8, finding.details());
          statement.setBoolean(9, finding.resolved());
          dialect.setInstant(statement, 10, finding.resolvedAt().orElse(null));
          try (ResultSet keys = statement.executeQuery()) {
            keys.next();
            stored.add(new QualityFinding(Optional.of(keys.getLong(1)), finding.symbol(), finding.checkType(),
                finding.severity(), finding.checkTime(), finding.rangeStart(), finding.rangeEnd(),
                finding.issueCount(), finding.details(), finding.resolvedAt()));
          }
        }
      }
      return stored;
    });
  }

  public List<QualityFinding> findings(FindingQuery query) {
    return db.run("reading the data-quality log", c -> {
      try (PreparedStatement statement = c.prepareStatement(findingsSql)) {
        String symbol = query.symbol().map(Symbol::value).orElse(null);
        statement.setString(1, symbol);
        statement.setString(2, symbol);
        Severity min = query.minSeverity().orElse(Severity.INFO);
        statement.setArray(3, dialect.array(c, ElementType.TEXT,
            Arrays.stream(Severity.values()).filter(s -> s.compareTo(min) >= 0).map(Severity::name).toList()));
        statement.setString(4, query.checkType().orElse(null));
        statement.setString(5, query.checkType().orElse(null));
        dialect.setInstant(statement, 6, query.since().orElse(null));
        dialect.setInstant(statement, 7, query.since().orElse(null));
        statement.setBoolean(8, query.unresolvedOnly());
        statement.setInt(9, query.limit());
        return list(statement, rs -> finding(dialect, rs, dialect.getInstant(rs, 10)));
      }
    });
  }

  /** A finding from the columns id to details, resolved at {@code resolvedAt} (null while it is open). */
  static QualityFinding finding(SqlDialect dialect, ResultSet rs, Instant resolvedAt) throws SQLException {
    return new QualityFinding(
        Optional.of(rs.getLong(1)),
        new Symbol(rs.getString(2)),
        rs.getString(3),
        Severity.valueOf(rs.getString(4)),
        dialect.getInstant(rs, 5),
        Optional.ofNullable(dialect.getDate(rs, 6)),
        Optional.ofNullable(dialect.getDate(rs, 7)),
        rs.getInt(8),
        rs.getString(9),
        Optional.ofNullable(resolvedAt));
  }
}
