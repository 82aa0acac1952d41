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
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;

/**
 * {@link MarketStore} in one embedded DuckDB file (schema {@code market_data}), the hub's default when no database
 * server is configured. One process writes a file; within it, writes take one lock and run in one transaction each,
 * while reads run concurrently on their own connections. Bars are staged and merged by {@link DuckDbBarWriter}.
 */
public final class DuckDbMarketStore implements MarketStore {
  /** Keeps the database open, and its file lock held, for the store's lifetime; others are duplicates of it. */
  private final DuckDBConnection primary;

  private final Path file;
  private final String description;
  private final String schemaVersion;
  private final DuckDbQueries queries;
  private final ReentrantLock writeLock = new ReentrantLock();

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
    writeLock.lock();
    try {
      return queries.upsertSymbol(symbol);
    } finally {
      writeLock.unlock();
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
    DuckDbBarWriter.requireStorablePrices(sorted, description);
    Set<Symbol> symbols = BarBatches.symbols(sorted, actions);
    String doing = "storing " + bars.size() + " bars and " + actions.size() + " actions for " + symbols + " in "
        + description;
    try (DuckDBConnection connection = duplicate()) {
      if (!sorted.isEmpty()) {
        DuckDbBarWriter.stage(connection, sorted);
      }
      writeLock.lock();
      try {
        connection.setAutoCommit(false);
        try {
          BarBatches.requireRegistered(symbols, DuckDbQueries.registered(connection, symbols));
          LoadResult barResult = sorted.isEmpty() ? LoadResult.EMPTY : DuckDbBarWriter.merge(connection, sorted.size());
          ActionLoadResult actionResult =
              actions.isEmpty() ? ActionLoadResult.EMPTY : DuckDbActionWriter.upsert(connection, actions);
          connection.commit();
          return new WriteResult(barResult, actionResult);
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        }
      } finally {
        writeLock.unlock();
      }
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, doing);
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
    writeLock.lock();
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
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public List<QualityFinding> findings(FindingQuery query) {
    return queries.findings(query);
  }

  @Override
  public void close() {
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
