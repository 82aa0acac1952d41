package io.aiinvest.datahub.store.duckdb;

import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.domain.ActionLoadResult;
import io.aiinvest.datahub.domain.BarRevision;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.BarBatches;
import io.aiinvest.datahub.store.FindingQuery;
import io.aiinvest.datahub.store.MarketStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.duckdb.DuckDBConnection;

/**
 * {@link MarketStore} in one embedded DuckDB file (schema {@code market_data}), the hub's default when no database
 * server is configured. One process opens a file; within it, each write holds the locks of its symbols
 * ({@link SymbolLocks}) and runs in one transaction, and reads run concurrently on their own connections. Bars are
 * staged and merged by {@link DuckDbBarWriter}.
 */
public final class DuckDbMarketStore implements MarketStore {
  /** Keeps the database open, and its file lock held, for the store's lifetime; others are duplicates of it. */
  private final DuckDBConnection primary;

  private final Path file;
  private final String description;
  private final String schemaVersion;
  private final DuckDbQueries queries;
  private final SymbolLocks locks = new SymbolLocks();
  private final ConcurrentLinkedDeque<WriterSession> idleWriters = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  private DuckDbMarketStore(DuckDBConnection primary, Path file, String description, String schemaVersion) {
    this.primary = primary;
    this.file = file;
    this.description = description;
    this.schemaVersion = schemaVersion;
    this.queries = new DuckDbQueries(this::duplicate, description);
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
      return queries.upsertSymbol(symbol);
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
  public WriteResult write(List<DailyBar> bars, List<CorporateAction> actions) {
    if (bars.isEmpty() && actions.isEmpty()) {
      return new WriteResult(LoadResult.EMPTY, ActionLoadResult.EMPTY);
    }
    List<DailyBar> sorted = BarBatches.sortedWithoutDuplicates(bars);
    SortedSet<Symbol> symbols = BarBatches.symbols(sorted, actions);
    String doing = "storing " + bars.size() + " bars and " + actions.size() + " actions for " + symbols + " in "
        + description;
    WriterSession session = borrowWriter(doing);
    boolean healthy = false;
    try {
      WriteResult result = write(session, sorted, actions, symbols);
      healthy = true;
      return result;
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, doing);
    } finally {
      returnWriter(session, healthy);
    }
  }

  private WriteResult write(WriterSession session, List<DailyBar> sorted, List<CorporateAction> actions,
      SortedSet<Symbol> symbols) throws SQLException {
    DuckDBConnection connection = session.connection();
    if (!sorted.isEmpty()) {
      session.bars().stage(sorted, description);
    }
    // The transaction begins with the first statement after the locks are held, so it sees every earlier write of
    // these symbols.
    WriteResult result;
    try (SymbolLocks.Held held = locks.lock(symbols)) {
      connection.setAutoCommit(false);
      try {
        BarBatches.requireRegistered(symbols, session.registered(symbols));
        LoadResult barResult = sorted.isEmpty() ? LoadResult.EMPTY : session.bars().merge(sorted.size());
        ActionLoadResult actionResult =
            actions.isEmpty() ? ActionLoadResult.EMPTY : DuckDbActionWriter.upsert(connection, actions);
        connection.commit();
        result = new WriteResult(barResult, actionResult);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
    // After a failed write the session is closed instead, which drops its staging table with it.
    session.bars().dropStage();
    return result;
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
  public Optional<LocalDate> firstBarDate(Symbol symbol) {
    return queries.barDate(symbol, true);
  }

  @Override
  public Optional<LocalDate> lastBarDate(Symbol symbol) {
    return queries.barDate(symbol, false);
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
  public List<QualityFinding> insertFindings(List<QualityFinding> findings) {
    if (findings.isEmpty()) {
      return List.of();
    }
    // Findings are only appended, with ids from a sequence: concurrent writers cannot collide, so no lock.
    try (Connection connection = connection()) {
      connection.setAutoCommit(false);
      try {
        List<QualityFinding> stored = DuckDbQueries.insertFindings(connection, findings);
        connection.commit();
        return stored;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, "writing " + findings.size() + " quality findings in " + description);
    }
  }

  @Override
  public List<QualityFinding> findings(FindingQuery query) {
    return queries.findings(query);
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
