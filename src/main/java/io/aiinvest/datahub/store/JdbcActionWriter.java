package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.ActionLoadResult;
import io.aiinvest.datahub.domain.ActionRevision;
import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.Symbol;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Upserts corporate actions inside the caller's transaction, for every JDBC store: existing actions of the symbols are
 * read once and compared in Java; a new action is inserted, an identical one left alone, a changed one updated with
 * its old values kept in {@code corporate_action_revisions}, so a provider's revision is recorded rather than
 * silently applied. When the delivery is a provider's complete list for a window, its stored actions missing from the
 * list are deleted and kept there as withdrawn. Each statement's row count is checked.
 *
 * <p>The stores differ only in how a list of symbols is bound and which SQL type a null decimal takes, given to the
 * constructor.
 */
public final class JdbcActionWriter {
  private static final String EXISTING = "SELECT symbol, action_type, ex_date, split_numerator, split_denominator,"
      + " dividend_amount, currency, source FROM market_data.corporate_actions WHERE ";

  private final String existingSql;
  private final String symbolArrayType;
  private final int decimalSqlType;

  /**
   * @param symbolInList the WHERE predicate selecting rows whose {@code symbol} is in the one bound array parameter,
   *     e.g. {@code symbol = ANY(?::text[])}
   * @param symbolArrayType the element type name for {@link Connection#createArrayOf}
   * @param decimalSqlType the {@link java.sql.Types} code for binding a null decimal
   */
  public JdbcActionWriter(String symbolInList, String symbolArrayType, int decimalSqlType) {
    this.existingSql = EXISTING + symbolInList;
    this.symbolArrayType = symbolArrayType;
    this.decimalSqlType = decimalSqlType;
  }

  private static final String INSERT = "INSERT INTO market_data.corporate_actions (symbol, action_type, ex_date,"
      + " split_numerator, split_denominator, dividend_amount, currency, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String UPDATE = "UPDATE market_data.corporate_actions SET split_numerator = ?,"
      + " split_denominator = ?, dividend_amount = ?, currency = ?, source = ?, processed = FALSE, updated_at = now()"
      + " WHERE symbol = ? AND action_type = ? AND ex_date = ?";

  private static final String DELETE = "DELETE FROM market_data.corporate_actions"
      + " WHERE symbol = ? AND action_type = ? AND ex_date = ?";

  private static final String REVISION = "INSERT INTO market_data.corporate_action_revisions (symbol, action_type,"
      + " ex_date, split_numerator, split_denominator, dividend_amount, currency, previous_source, change,"
      + " new_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";


  private record Key(String symbol, ActionType type, LocalDate exDate) {}

  private record Stored(
      Optional<BigDecimal> numerator,
      Optional<BigDecimal> denominator,
      Optional<BigDecimal> amount,
      Optional<String> currency,
      String source) {}

  /**
   * Upserts the actions and, for each symbol with a window in {@code replacing}, withdraws that provider's stored
   * actions in the window that the delivery lacks. Returns each symbol's counts, for every symbol with an action or a
   * window.
   */
  public Map<Symbol, ActionLoadResult> upsert(
      Connection connection, List<CorporateAction> actions, Collection<ActionWindow> replacing) throws SQLException {
    Map<String, ActionWindow> windows = new HashMap<>();
    for (ActionWindow window : replacing) {
      if (windows.put(window.symbol().value(), window) != null) {
        throw new DatahubException("two complete action lists for " + window.symbol() + " in one load");
      }
    }
    for (CorporateAction action : actions) {
      ActionWindow window = windows.get(action.symbol().value());
      if (window != null) {
        requireInside(window, List.of(action));
      }
    }
    Set<String> symbols = new TreeSet<>();
    actions.forEach(a -> symbols.add(a.symbol().value()));
    symbols.addAll(windows.keySet());
    Map<Key, CorporateAction> incoming = new HashMap<>();
    for (CorporateAction action : actions) {
      Key key = new Key(action.symbol().value(), action.type(), action.exDate());
      CorporateAction earlier = incoming.put(key, action);
      if (earlier != null && !earlier.equals(action)) {
        throw new DatahubException("two different " + action.type().dbName() + "s for "
            + action.symbol() + " on " + action.exDate() + " in one load; nothing stored");
      }
    }
    Map<Key, Stored> existing = existing(connection, symbols);
    Map<String, long[]> counts = new TreeMap<>();
    symbols.forEach(symbol -> counts.put(symbol, new long[4]));
    try (PreparedStatement insert = connection.prepareStatement(INSERT);
        PreparedStatement update = connection.prepareStatement(UPDATE);
        PreparedStatement delete = connection.prepareStatement(DELETE);
        PreparedStatement revision = connection.prepareStatement(REVISION)) {
      for (Map.Entry<Key, CorporateAction> entry : incoming.entrySet()) {
        Key key = entry.getKey();
        CorporateAction action = entry.getValue();
        Stored stored = existing.get(key);
        long[] symbolCounts = counts.get(key.symbol());
        if (stored == null) {
          bindKey(insert, 1, key);
          bindValues(insert, 4, action);
          insert.setString(8, action.source().value());
          insert.executeUpdate();
          symbolCounts[0]++;
        } else if (sameValues(stored, action)) {
          symbolCounts[2]++;
        } else {
          keepRevision(revision, key, stored, ActionRevision.Change.REVISED, action.source().value());
          bindValues(update, 1, action);
          update.setString(5, action.source().value());
          bindKey(update, 6, key);
          expectOne(update.executeUpdate(), key);
          symbolCounts[1]++;
        }
      }
      for (Map.Entry<Key, Stored> entry : existing.entrySet()) {
        Key key = entry.getKey();
        Stored stored = entry.getValue();
        ActionWindow window = windows.get(key.symbol());
        if (window != null
            && stored.source().equals(window.source().value())
            && window.window().contains(key.exDate())
            && !incoming.containsKey(key)) {
          keepRevision(revision, key, stored, ActionRevision.Change.WITHDRAWN, window.source().value());
          bindKey(delete, 1, key);
          expectOne(delete.executeUpdate(), key);
          counts.get(key.symbol())[3]++;
        }
      }
    }
    Map<Symbol, ActionLoadResult> results = new LinkedHashMap<>();
    counts.forEach((symbol, c) -> results.put(new Symbol(symbol), new ActionLoadResult(c[0], c[1], c[2], c[3],
        List.of())));
    return results;
  }

  /** A complete list speaks for one symbol, one provider and one window only; anything else is a caller's bug. */
  public static void requireInside(ActionWindow window, List<CorporateAction> actions) {
    for (CorporateAction action : actions) {
      if (!action.symbol().equals(window.symbol())
          || !action.source().equals(window.source())
          || !window.window().contains(action.exDate())) {
        throw new DatahubException("action " + action.symbol() + " " + action.type().dbName() + " "
            + action.exDate() + " from " + action.source() + " is outside the complete list of " + window.symbol()
            + " from " + window.source() + " over " + window.window() + "; nothing stored");
      }
    }
  }

  private static void expectOne(int rows, Key key) {
    if (rows != 1) {
      throw new DatahubException("corporate action " + key.symbol() + " " + key.type().dbName() + " " + key.exDate()
          + " changed while it was being written (" + rows + " rows); nothing stored");
    }
  }

  private void keepRevision(
      PreparedStatement revision, Key key, Stored stored, ActionRevision.Change change, String newSource)
      throws SQLException {
    bindKey(revision, 1, key);
    setDecimal(revision, 4, stored.numerator());
    setDecimal(revision, 5, stored.denominator());
    setDecimal(revision, 6, stored.amount());
    revision.setString(7, stored.currency().orElse(null));
    revision.setString(8, stored.source());
    revision.setString(9, change.dbName());
    revision.setString(10, newSource);
    revision.executeUpdate();
  }

  private Map<Key, Stored> existing(Connection connection, Set<String> symbols) throws SQLException {
    Map<Key, Stored> result = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement(existingSql)) {
      query.setArray(1, connection.createArrayOf(symbolArrayType, symbols.toArray()));
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          Key key = new Key(rs.getString(1), ActionType.fromDb(rs.getString(2)), rs.getObject(3, LocalDate.class));
          result.put(key, new Stored(
              Optional.ofNullable(rs.getBigDecimal(4)),
              Optional.ofNullable(rs.getBigDecimal(5)),
              Optional.ofNullable(rs.getBigDecimal(6)),
              Optional.ofNullable(rs.getString(7)),
              rs.getString(8)));
        }
      }
    }
    return result;
  }

  private static boolean sameValues(Stored stored, CorporateAction action) {
    return sameNumber(stored.numerator(), action.splitNumerator())
        && sameNumber(stored.denominator(), action.splitDenominator())
        && sameNumber(stored.amount(), action.dividendAmount())
        && Objects.equals(stored.currency(), action.currency());
  }

  private static boolean sameNumber(Optional<BigDecimal> a, Optional<BigDecimal> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && b.isEmpty();
    }
    return a.get().compareTo(b.get()) == 0;
  }

  private static void bindKey(PreparedStatement statement, int first, Key key) throws SQLException {
    statement.setString(first, key.symbol());
    statement.setString(first + 1, key.type().dbName());
    statement.setObject(first + 2, key.exDate());
  }

  private void bindValues(PreparedStatement statement, int first, CorporateAction action)
      throws SQLException {
    setDecimal(statement, first, action.splitNumerator());
    setDecimal(statement, first + 1, action.splitDenominator());
    setDecimal(statement, first + 2, action.dividendAmount());
    statement.setString(first + 3, action.currency().orElse(null));
  }

  private void setDecimal(PreparedStatement statement, int index, Optional<BigDecimal> value)
      throws SQLException {
    if (value.isPresent()) {
      statement.setBigDecimal(index, value.get());
    } else {
      statement.setNull(index, decimalSqlType);
    }
  }
}
