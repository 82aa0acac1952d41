package io.aiinvest.datahub.store.duckdb;

import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.domain.ActionLoadResult;
import io.aiinvest.datahub.domain.ActionRevision;
import io.aiinvest.datahub.domain.BarRevision;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.InvalidBarException;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.RepairAttempt;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.ActionWindow;
import io.aiinvest.datahub.store.AlternateClose;
import io.aiinvest.datahub.store.BarBatches;
import io.aiinvest.datahub.store.BarDates;
import io.aiinvest.datahub.store.BarFault;
import io.aiinvest.datahub.store.BarSeries;
import io.aiinvest.datahub.store.FindingQuery;
import io.aiinvest.datahub.store.JdbcActionWriter;
import io.aiinvest.datahub.store.JdbcDatabase;
import io.aiinvest.datahub.store.JdbcQualityQueries;
import io.aiinvest.datahub.store.JdbcQueries;
import io.aiinvest.datahub.store.JdbcRepairAttempts;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.QualityWatermark;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.duckdb.DuckDBConnection;

/**
 * {@link MarketStore} in one embedded DuckDB file (schema {@code market_data}), the hub's default when no database
 * server is configured. One process opens a file; within it, each write holds the locks of its symbols
 * ({@link SymbolLocks}) and runs in one transaction, and reads run concurrently on their own connections. Bars are
 * appended, or staged and merged, by {@link DuckDbBarWriter}.
 */
public final class DuckDbMarketStore implements MarketStore {
  private static final JdbcActionWriter ACTIONS =
      new JdbcActionWriter("list_contains(?, symbol)", "VARCHAR", Types.DECIMAL);
  /** Keeps the database open, and its file lock held, for the store's lifetime; others are duplicates of it. */
  private final DuckDBConnection primary;

  private final Path file;
  private final String description;
  private final String schemaVersion;
  private final JdbcQueries queries;
  private final JdbcQualityQueries quality;
  private final JdbcRepairAttempts repairAttempts;
  private final SymbolLocks locks = new SymbolLocks();
  private final ConcurrentLinkedDeque<WriterSession> idleWriters = new ConcurrentLinkedDeque<>();
  private final Set<Symbol> registered = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private DuckDbMarketStore(DuckDBConnection primary, Path file, String description, String schemaVersion) {
    this.primary = primary;
    this.file = file;
    this.description = description;
    this.schemaVersion = schemaVersion;
    DuckDbDialect dialect = new DuckDbDialect();
    JdbcDatabase db = new JdbcDatabase(this::duplicate, dialect, description);
    this.queries = new JdbcQueries(db);
    this.quality = new JdbcQualityQueries(db, new DuckDbSeriesReader(dialect));
    this.repairAttempts = new JdbcRepairAttempts(db);
  }

  /** Opens (creating it and its directory when missing) and migrates the file; the caller closes the store. */
  public static DuckDbMarketStore open(DbTarget.DuckDb target) {
    Path file = DuckDbConnector.canonical(target.file());
    String description = "duckdb:" + file;
    DuckDBConnection primary = DuckDbConnector.open(file);
    try {
      String version = DuckDbMigrations.migrate(primary, description);
      return new DuckDbMarketStore(primary, file, description, version);
    } catch (RuntimeException e) {
      closeQuietly(primary, e);
      DuckDbConnector.released(file);
      throw e;
    }
  }

  /** The database file, absolute. */
  public Path file() {
    return file;
  }

  /**
   * A new connection to the store's database, for collaborators that read it in bulk (export, benchmarks); the
   * caller closes it. Writes to market data must go through the store.
   */
  public Connection connection() throws SQLException {
    return duplicate();
  }

  /**
   * Connections to the store's database for collaborators that keep tables of their own in it (the worker's job store
   * and history), as {@code PostgresMarketStore.dataSource()}. Writes to market data must go through the store.
   */
  public DataSource dataSource() {
    return new DuckDbMigrations.SharedDatabase(primary);
  }

  private DuckDBConnection duplicate() throws SQLException {
    synchronized (primary) {
      return primary.duplicate();
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public String schemaVersion() {
    return schemaVersion;
  }

  @Override
  public SymbolInfo upsertSymbol(SymbolInfo symbol) {
    try (SymbolLocks.Held held = locks.lock(new TreeSet<>(List.of(symbol.symbol())))) {
      SymbolInfo stored = queries.upsertSymbol(symbol);
      registered.add(stored.symbol());
      return stored;
    }
  }

  @Override
  public Optional<SymbolInfo> findSymbol(Symbol symbol) {
    return queries.findSymbol(symbol);
  }

  @Override
  public List<SymbolInfo> listSymbols(boolean includeInactive) {
    return queries.listSymbols(includeInactive);
  }

  @Override
  public WriteResult write(List<DailyBar> bars, List<CorporateAction> actions, Optional<ActionWindow> replacing) {
    if (bars.isEmpty() && actions.isEmpty() && replacing.isEmpty()) {
      return new WriteResult(LoadResult.EMPTY, ActionLoadResult.EMPTY);
    }
    replacing.ifPresent(window -> JdbcActionWriter.requireInside(window, actions));
    Map<Symbol, WriteResult> bySymbol = writeInOneTransaction(bars, actions, replacing.stream().toList());
    return new WriteResult(
        bySymbol.values().stream().map(WriteResult::bars).reduce(LoadResult.EMPTY, LoadResult::plus),
        bySymbol.values().stream().map(WriteResult::actions).reduce(ActionLoadResult.EMPTY, ActionLoadResult::plus));
  }

  /** The whole batch in one transaction, as one {@link #write} of all its bars and actions. */
  @Override
  public Map<Symbol, WriteResult> writeBatch(List<SymbolWrite> writes) {
    List<DailyBar> bars = new ArrayList<>();
    List<CorporateAction> actions = new ArrayList<>();
    List<ActionWindow> windows = new ArrayList<>();
    for (SymbolWrite write : SymbolWrite.distinct(writes)) {
      bars.addAll(write.bars());
      actions.addAll(write.actions());
      write.replacing().ifPresent(windows::add);
    }
    Map<Symbol, WriteResult> written = bars.isEmpty() && actions.isEmpty() && windows.isEmpty()
        ? Map.of()
        : writeInOneTransaction(bars, actions, windows);
    Map<Symbol, WriteResult> results = new LinkedHashMap<>();
    for (SymbolWrite write : writes) {
      results.put(write.symbol(), written.getOrDefault(
          write.symbol(), new WriteResult(LoadResult.EMPTY, ActionLoadResult.EMPTY)));
    }
    return results;
  }

  /** Each symbol's counts, for the symbols with a bar, an action or a window. */
  private Map<Symbol, WriteResult> writeInOneTransaction(
      List<DailyBar> bars, List<CorporateAction> actions, List<ActionWindow> replacing) {
    // The columns keep 6 decimals: round here, so the comparison with stored rows sees what will be stored.
    List<DailyBar> rounded = new ArrayList<>(bars.size());
    List<Rejection> rejected = new ArrayList<>();
    for (DailyBar bar : bars) {
      try {
        rounded.add(bar.atPriceScale());
      } catch (InvalidBarException e) {
        rejected.add(e.toRejection());
      }
    }
    List<DailyBar> sorted = BarBatches.sortedWithoutDuplicates(rounded);
    SortedSet<Symbol> symbols = BarBatches.symbols(sorted, actions);
    replacing.forEach(w -> symbols.add(w.symbol()));
    String doing = "storing " + bars.size() + " bars and " + actions.size() + " actions for " + symbols + " in "
        + description;
    WriterSession session = borrowWriter(doing);
    boolean healthy = false;
    try {
      Map<Symbol, WriteResult> written = write(session, sorted, actions, replacing, symbols);
      healthy = true;
      Set<Symbol> reported = new TreeSet<>(symbols);
      rejected.forEach(r -> reported.add(r.symbol()));
      Map<Symbol, WriteResult> results = new LinkedHashMap<>();
      for (Symbol symbol : reported) {
        WriteResult result = written.getOrDefault(symbol, new WriteResult(LoadResult.EMPTY, ActionLoadResult.EMPTY));
        results.put(symbol, new WriteResult(
            result.bars().withRejections(rejected.stream().filter(r -> r.symbol().equals(symbol)).toList()),
            result.actions()));
      }
      return results;
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, doing);
    } finally {
      returnWriter(session, healthy);
    }
  }

  private Map<Symbol, WriteResult> write(WriterSession session, List<DailyBar> sorted, List<CorporateAction> actions,
      List<ActionWindow> replacing, SortedSet<Symbol> symbols) throws SQLException {
    DuckDBConnection connection = session.connection();
    Map<Symbol, LoadResult> barResults;
    Map<Symbol, ActionLoadResult> actionResults;
    // The transaction begins with the first statement after the locks are held, so it sees every earlier write of
    // these symbols.
    try (SymbolLocks.Held held = locks.lock(symbols)) {
      connection.setAutoCommit(false);
      try {
        requireRegistered(session, symbols);
        barResults = sorted.isEmpty() ? Map.of() : session.bars().upsert(sorted, description);
        actionResults = actions.isEmpty() && replacing.isEmpty()
            ? Map.of()
            : ACTIONS.upsert(connection, actions, replacing);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
    Map<Symbol, WriteResult> results = new LinkedHashMap<>();
    for (Symbol symbol : symbols) {
      results.put(symbol, new WriteResult(barResults.getOrDefault(symbol, LoadResult.EMPTY),
          actionResults.getOrDefault(symbol, ActionLoadResult.EMPTY)));
    }
    return results;
  }

  /**
   * Refuses unregistered symbols. Registered ones are remembered: nothing removes a row of {@code symbol_map}, and
   * no other process writes the file, so only symbols not seen before cost a query.
   */
  private void requireRegistered(WriterSession session, SortedSet<Symbol> symbols) throws SQLException {
    SortedSet<Symbol> unknown = new TreeSet<>(symbols);
    unknown.removeAll(registered);
    if (!unknown.isEmpty()) {
      Set<Symbol> found = session.registered(unknown);
      registered.addAll(found);
      BarBatches.requireRegistered(unknown, found);
    }
  }

  private WriterSession borrowWriter(String doing) {
    WriterSession idle = idleWriters.pollFirst();
    if (idle != null) {
      return idle;
    }
    try {
      return new WriterSession(duplicate());
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, doing);
    }
  }

  /** A session goes back to the pool only when its last write ended normally; others may hold a broken connection. */
  private void returnWriter(WriterSession session, boolean healthy) {
    if (healthy && !closed) {
      idleWriters.offerFirst(session);
      if (!closed || !idleWriters.remove(session)) {
        return;
      }
    }
    try {
      session.close();
    } catch (SQLException e) {
      // The session is discarded either way; the write's own outcome is what the caller needs to hear about.
    }
  }

  @Override
  public List<DailyBar> bars(Symbol symbol, DateRange range) {
    return queries.bars(symbol, range);
  }

  @Override
  public Map<LocalDate, DailyBar> previousBars(Symbol symbol, Collection<LocalDate> dates) {
    return queries.previousBars(symbol, dates);
  }

  @Override
  public Optional<LocalDate> firstBarDate(Symbol symbol) {
    return queries.barDate(symbol, true);
  }

  @Override
  public Optional<LocalDate> lastBarDate(Symbol symbol) {
    return queries.barDate(symbol, false);
  }

  @Override
  public Map<Symbol, BarDates> barDates(Collection<Symbol> symbols, DateRange range) {
    return queries.barDates(symbols, range);
  }

  @Override
  public long countBars(Optional<Symbol> symbol) {
    return queries.countBars(symbol);
  }

  @Override
  public List<BarRevision> revisions(Symbol symbol, DateRange range) {
    return queries.revisions(symbol, range);
  }

  @Override
  public List<CorporateAction> actions(Symbol symbol, DateRange range) {
    return queries.actions(symbol, range);
  }

  @Override
  public List<ActionRevision> actionRevisions(Symbol symbol, DateRange range) {
    return queries.actionRevisions(symbol, range);
  }

  @Override
  public List<QualityFinding> insertFindings(List<QualityFinding> findings) {
    // Findings are only appended, with ids from a sequence: concurrent writers cannot collide, so no lock.
    return queries.insertFindings(findings);
  }

  @Override
  public List<QualityFinding> findings(FindingQuery query) {
    return queries.findings(query);
  }

  @Override
  public List<QualityFinding> openFindings(Collection<Symbol> symbols, Collection<String> checkTypes) {
    return quality.openFindings(symbols, checkTypes);
  }

  @Override
  public int resolveFindings(Collection<Long> ids, Instant at) {
    // One quality run resolves its own findings; a finding is never resolved by two writers at once.
    return quality.resolveFindings(ids, at);
  }

  @Override
  public void forEachSeries(Collection<Symbol> symbols, DateRange range, Consumer<BarSeries> consumer) {
    quality.forEachSeries(symbols, range, consumer);
  }

  @Override
  public List<BarFault> barFaults(Collection<Symbol> symbols, DateRange range) {
    return quality.barFaults(symbols, range);
  }

  @Override
  public List<AlternateClose> alternateCloses(Collection<Symbol> symbols, DateRange range) {
    return quality.alternateCloses(symbols, range);
  }

  @Override
  public List<QualityWatermark> qualityWatermarks(Collection<Symbol> symbols, Collection<String> checkTypes) {
    return quality.watermarks(symbols, checkTypes);
  }

  @Override
  public void recordQualityWatermarks(Collection<QualityWatermark> watermarks, Instant at) {
    SortedSet<Symbol> symbols = new TreeSet<>();
    watermarks.forEach(w -> symbols.add(w.symbol()));
    try (SymbolLocks.Held held = locks.lock(symbols)) {
      quality.recordWatermarks(watermarks, at);
    }
  }

  @Override
  public int lowerQualityWatermarks(Map<Symbol, LocalDate> through) {
    // Under the symbols' locks, as recording: a quality run recording the same rows would otherwise conflict.
    try (SymbolLocks.Held held = locks.lock(new TreeSet<>(through.keySet()))) {
      return quality.lowerWatermarks(through);
    }
  }

  @Override
  public List<RepairAttempt> repairAttempts(Symbol symbol, DateRange range) {
    return repairAttempts.find(symbol, range);
  }

  @Override
  public List<RepairAttempt> recordRepairAttempts(
      Symbol symbol, Collection<LocalDate> sessions, ProviderId provider, String outcome, Instant attemptedAt) {
    // Under the symbol's lock, so no other writer counts its sessions at the same time.
    try (SymbolLocks.Held held = locks.lock(new TreeSet<>(List.of(symbol)))) {
      return repairAttempts.record(symbol, sessions, provider, outcome, attemptedAt);
    }
  }

  @Override
  public void close() {
    closed = true;
    for (WriterSession session = idleWriters.pollFirst(); session != null; session = idleWriters.pollFirst()) {
      try {
        session.close();
      } catch (SQLException e) {
        // Closing the primary connection below releases the database whatever its duplicates did.
      }
    }
    try {
      primary.close();
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, "closing " + description);
    } finally {
      DuckDbConnector.released(file);
    }
  }

  private static void closeQuietly(DuckDBConnection connection, RuntimeException failure) {
    try {
      connection.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
