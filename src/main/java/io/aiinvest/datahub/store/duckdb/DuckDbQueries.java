package io.aiinvest.datahub.store.duckdb;

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
import io.aiinvest.datahub.store.BarDates;
import io.aiinvest.datahub.store.FindingQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reads and small writes of {@link DuckDbMarketStore}, each one statement with bound parameters. */
final class DuckDbQueries {
  /** Bounds used for an open end of a date range; the same bounds the bars CHECK constraint enforces. */
  private static final LocalDate MIN_DATE = LocalDate.of(1900, 1, 1);
  private static final LocalDate MAX_DATE = LocalDate.of(2100, 12, 31);

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

  /** Severity names ranked, so "at least WARNING" is one bound comparison. */
  private static final String SEVERITY_RANK = "CASE severity WHEN 'INFO' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END";

  @FunctionalInterface
  interface Connections {
    Connection open() throws SQLException;
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Connections connections;
  private final String description;

  DuckDbQueries(Connections connections, String description) {
    this.connections = connections;
    this.description = description;
  }

  private <T> T withConnection(String doing, Work<T> work) {
    try (Connection connection = connections.open()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, doing + " in " + description);
    }
  }

  SymbolInfo upsertSymbol(SymbolInfo info) {
    return withConnection("storing symbol " + info.symbol(), c -> {
      try (PreparedStatement statement = c.prepareStatement(UPSERT_SYMBOL)) {
        statement.setString(1, info.symbol().value());
        statement.setString(2, info.name().orElse(null));
        statement.setString(3, info.exchange().orElse(null));
        statement.setString(4, info.assetType().orElse(null));
        statement.setString(5, info.sector().orElse(null));
        statement.setString(6, info.industry().orElse(null));
        statement.setBoolean(7, info.active());
        statement.setString(8, info.dataSource().orElse(null));
        statement.setObject(9, info.listedOn().orElse(null));
        statement.setObject(10, info.delistedOn().orElse(null));
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          return symbolInfo(rs);
        }
      }
    });
  }

  Optional<SymbolInfo> findSymbol(Symbol symbol) {
    return withConnection("reading symbol " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement(
          "SELECT " + SYMBOL_COLUMNS + " FROM market_data.symbol_map WHERE symbol = ?")) {
        statement.setString(1, symbol.value());
        try (ResultSet rs = statement.executeQuery()) {
          return rs.next() ? Optional.of(symbolInfo(rs)) : Optional.empty();
        }
      }
    });
  }

  List<SymbolInfo> listSymbols(boolean includeInactive) {
    return withConnection("listing symbols", c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT " + SYMBOL_COLUMNS
          + " FROM market_data.symbol_map WHERE is_active OR ? ORDER BY symbol")) {
        statement.setBoolean(1, includeInactive);
        List<SymbolInfo> result = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            result.add(symbolInfo(rs));
          }
        }
        return result;
      }
    });
  }

  private static SymbolInfo symbolInfo(ResultSet rs) throws SQLException {
    return new SymbolInfo(
        new Symbol(rs.getString(1)),
        Optional.ofNullable(rs.getString(2)),
        Optional.ofNullable(rs.getString(3)),
        Optional.ofNullable(rs.getString(4)),
        Optional.ofNullable(rs.getString(5)),
        Optional.ofNullable(rs.getString(6)),
        rs.getBoolean(7),
        Optional.ofNullable(rs.getString(8)),
        Optional.ofNullable(rs.getObject(9, LocalDate.class)),
        Optional.ofNullable(rs.getObject(10, LocalDate.class)));
  }

  List<DailyBar> bars(Symbol symbol, DateRange range) {
    return withConnection("reading bars of " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT " + BAR_COLUMNS
          + " FROM market_data.bars WHERE symbol = ? AND \"timestamp\" BETWEEN ? AND ? ORDER BY \"timestamp\"")) {
        statement.setString(1, symbol.value());
        bindRange(statement, 2, range);
        List<DailyBar> result = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            result.add(bar(rs, 1));
          }
        }
        return result;
      }
    });
  }

  /** For each date, the latest stored bar strictly before it: one as-of join, whatever the number of dates. */
  Map<LocalDate, DailyBar> previousBars(Symbol symbol, Collection<LocalDate> dates) {
    return withConnection("reading the bars before " + dates.size() + " dates of " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT asked.day, " + BAR_COLUMNS.replace("symbol,",
          "b.symbol,") + " FROM (SELECT unnest(?::DATE[]) AS day) asked ASOF JOIN (SELECT * FROM market_data.bars"
          + " WHERE symbol = ?) b ON asked.day > b.\"timestamp\"")) {
        statement.setArray(1, c.createArrayOf("DATE", dates.stream().distinct().toArray()));
        statement.setString(2, symbol.value());
        Map<LocalDate, DailyBar> result = new HashMap<>();
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            result.put(rs.getObject(1, LocalDate.class), bar(rs, 2));
          }
        }
        return result;
      }
    });
  }

  /** The dates in the range in one ordered read, and each symbol's first and last bar date in one aggregate. */
  Map<Symbol, BarDates> barDates(Collection<Symbol> symbols, DateRange range) {
    if (symbols.isEmpty()) {
      return Map.of();
    }
    return withConnection("reading bar dates of " + symbols.size() + " symbols", c -> {
      Object[] names = symbols.stream().map(Symbol::value).distinct().toArray();
      Map<Symbol, List<LocalDate>> dates = new HashMap<>();
      try (PreparedStatement statement = c.prepareStatement("SELECT symbol, \"timestamp\" - DATE '1970-01-01'"
          + " FROM market_data.bars WHERE list_contains(?, symbol) AND \"timestamp\" BETWEEN ? AND ?"
          + " ORDER BY symbol, \"timestamp\"")) {
        statement.setArray(1, c.createArrayOf("VARCHAR", names));
        bindRange(statement, 2, range);
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
      }
      Map<Symbol, LocalDate[]> spans = new HashMap<>();
      try (PreparedStatement statement = c.prepareStatement("SELECT symbol, min(\"timestamp\"), max(\"timestamp\")"
          + " FROM market_data.bars WHERE list_contains(?, symbol) GROUP BY symbol")) {
        statement.setArray(1, c.createArrayOf("VARCHAR", names));
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            spans.put(new Symbol(rs.getString(1)),
                new LocalDate[] {rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class)});
          }
        }
      }
      Map<Symbol, BarDates> result = new LinkedHashMap<>();
      for (Symbol symbol : symbols) {
        LocalDate[] span = spans.getOrDefault(symbol, new LocalDate[2]);
        result.put(symbol, new BarDates(symbol, Optional.ofNullable(span[0]), Optional.ofNullable(span[1]), range,
            dates.getOrDefault(symbol, List.of())));
      }
      return result;
    });
  }

  private static DailyBar bar(ResultSet rs, int first) throws SQLException {
    return new DailyBar(
        new Symbol(rs.getString(first)),
        rs.getObject(first + 1, LocalDate.class),
        rs.getBigDecimal(first + 2),
        rs.getBigDecimal(first + 3),
        rs.getBigDecimal(first + 4),
        rs.getBigDecimal(first + 5),
        rs.getLong(first + 6),
        Optional.ofNullable(rs.getBigDecimal(first + 7)),
        new ProviderId(rs.getString(first + 8)));
  }

  Optional<LocalDate> barDate(Symbol symbol, boolean first) {
    return withConnection("reading bar dates of " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT " + (first ? "min" : "max")
          + "(\"timestamp\") FROM market_data.bars WHERE symbol = ?")) {
        statement.setString(1, symbol.value());
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          return Optional.ofNullable(rs.getObject(1, LocalDate.class));
        }
      }
    });
  }

  long countBars(Optional<Symbol> symbol) {
    return withConnection("counting bars", c -> {
      try (PreparedStatement statement = c.prepareStatement(
          "SELECT count(*) FROM market_data.bars WHERE CAST(? AS VARCHAR) IS NULL OR symbol = ?")) {
        statement.setString(1, symbol.map(Symbol::value).orElse(null));
        statement.setString(2, symbol.map(Symbol::value).orElse(null));
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  List<BarRevision> revisions(Symbol symbol, DateRange range) {
    return withConnection("reading revisions of " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT " + BAR_COLUMNS.replace("source",
              "previous_source") + ", previous_ingested_at, revised_at, new_source FROM market_data.bar_revisions"
          + " WHERE symbol = ? AND \"timestamp\" BETWEEN ? AND ? ORDER BY revised_at, id")) {
        statement.setString(1, symbol.value());
        bindRange(statement, 2, range);
        List<BarRevision> result = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            result.add(new BarRevision(
                bar(rs, 1), instant(rs, 10).orElseThrow(), instant(rs, 11).orElseThrow(),
                new ProviderId(rs.getString(12))));
          }
        }
        return result;
      }
    });
  }

  List<CorporateAction> actions(Symbol symbol, DateRange range) {
    return withConnection("reading corporate actions of " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT action_type, ex_date, split_numerator,"
          + " split_denominator, dividend_amount, currency, source FROM market_data.corporate_actions"
          + " WHERE symbol = ? AND ex_date BETWEEN ? AND ? ORDER BY ex_date, action_type")) {
        statement.setString(1, symbol.value());
        bindRange(statement, 2, range);
        List<CorporateAction> result = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            result.add(action(symbol, rs, 1));
          }
        }
        return result;
      }
    });
  }

  List<ActionRevision> actionRevisions(Symbol symbol, DateRange range) {
    return withConnection("reading corporate action revisions of " + symbol, c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT action_type, ex_date, split_numerator,"
          + " split_denominator, dividend_amount, currency, previous_source, change, revised_at, new_source"
          + " FROM market_data.corporate_action_revisions WHERE symbol = ? AND ex_date BETWEEN ? AND ?"
          + " ORDER BY revised_at, id")) {
        statement.setString(1, symbol.value());
        bindRange(statement, 2, range);
        List<ActionRevision> result = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            result.add(new ActionRevision(
                action(symbol, rs, 1),
                ActionRevision.Change.fromDb(rs.getString(8)),
                instant(rs, 9).orElseThrow(),
                Optional.ofNullable(rs.getString(10)).map(ProviderId::new)));
          }
        }
        return result;
      }
    });
  }

  /** An action from the columns type, ex-date, numerator, denominator, amount, currency, source at {@code first}. */
  static CorporateAction action(Symbol symbol, ResultSet rs, int first) throws SQLException {
    return new CorporateAction(
        symbol,
        ActionType.fromDb(rs.getString(first)),
        rs.getObject(first + 1, LocalDate.class),
        Optional.ofNullable(rs.getBigDecimal(first + 2)),
        Optional.ofNullable(rs.getBigDecimal(first + 3)),
        Optional.ofNullable(rs.getBigDecimal(first + 4)),
        Optional.ofNullable(rs.getString(first + 5)),
        new ProviderId(rs.getString(first + 6)));
  }

  /** Appends findings inside the caller's transaction; returns them with their ids. */
  static List<QualityFinding> insertFindings(Connection c, List<QualityFinding> findings) throws SQLException {
    List<QualityFinding> stored = new ArrayList<>();
    try (PreparedStatement statement = c.prepareStatement("INSERT INTO market_data.data_quality_log (symbol,"
        + " check_type, severity, check_time, date_range_start, date_range_end, issue_count, details, resolved,"
        + " resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS JSON), ?, ?) RETURNING id")) {
      for (QualityFinding finding : findings) {
        statement.setString(1, finding.symbol().value());
        statement.setString(2, finding.checkType());
        statement.setString(3, finding.severity().name());
        statement.setObject(4, utc(finding.checkTime()));
        statement.setObject(5, finding.rangeStart().orElse(null));
        statement.setObject(6, finding.rangeEnd().orElse(null));
        statement.setInt(7, finding.issueCount());
        statement.setString(8, finding.details());
        statement.setBoolean(9, finding.resolved());
        statement.setObject(10, finding.resolvedAt().map(DuckDbQueries::utc).orElse(null));
        try (ResultSet keys = statement.executeQuery()) {
          keys.next();
          stored.add(new QualityFinding(Optional.of(keys.getLong(1)), finding.symbol(), finding.checkType(),
              finding.severity(), finding.checkTime(), finding.rangeStart(), finding.rangeEnd(),
              finding.issueCount(), finding.details(), finding.resolvedAt()));
        }
      }
    }
    return stored;
  }

  List<QualityFinding> findings(FindingQuery query) {
    return withConnection("reading the data-quality log", c -> {
      try (PreparedStatement statement = c.prepareStatement("SELECT id, symbol, check_type, severity, check_time,"
          + " date_range_start, date_range_end, issue_count, CAST(details AS VARCHAR), resolved_at"
          + " FROM market_data.data_quality_log WHERE (CAST(? AS VARCHAR) IS NULL OR symbol = ?)"
          + " AND " + SEVERITY_RANK + " >= ?"
          + " AND (CAST(? AS VARCHAR) IS NULL OR check_type = ?)"
          + " AND (CAST(? AS TIMESTAMPTZ) IS NULL OR check_time >= ?)"
          + " AND (NOT resolved OR NOT ?) ORDER BY check_time DESC, id DESC LIMIT ?")) {
        String symbol = query.symbol().map(Symbol::value).orElse(null);
        statement.setString(1, symbol);
        statement.setString(2, symbol);
        statement.setInt(3, query.minSeverity().orElse(Severity.INFO).ordinal());
        statement.setString(4, query.checkType().orElse(null));
        statement.setString(5, query.checkType().orElse(null));
        OffsetDateTime since = query.since().map(DuckDbQueries::utc).orElse(null);
        statement.setObject(6, since);
        statement.setObject(7, since);
        statement.setBoolean(8, query.unresolvedOnly());
        statement.setInt(9, query.limit());
        List<QualityFinding> result = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            result.add(new QualityFinding(
                Optional.of(rs.getLong(1)),
                new Symbol(rs.getString(2)),
                rs.getString(3),
                Severity.valueOf(rs.getString(4)),
                instant(rs, 5).orElseThrow(),
                Optional.ofNullable(rs.getObject(6, LocalDate.class)),
                Optional.ofNullable(rs.getObject(7, LocalDate.class)),
                rs.getInt(8),
                rs.getString(9),
                instant(rs, 10)));
          }
        }
        return result;
      }
    });
  }

  static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
    return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static void bindRange(PreparedStatement statement, int first, DateRange range) throws SQLException {
    statement.setObject(first, range.from().orElse(MIN_DATE));
    statement.setObject(first + 1, range.to().orElse(MAX_DATE));
  }
}
