package io.aiinvest.datahub.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.config.HubConfig;
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
import io.aiinvest.datahub.store.StoreException;
import io.aiinvest.datahub.store.UnknownSymbolException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MarketStore} on PostgreSQL (schema {@code market_data}). Reads are the SQL shared with DuckDB
 * ({@link JdbcQueries}, {@link JdbcQualityQueries}) in {@link PostgresDialect}, and COPY for the quality scan; bulk
 * writes go through {@link PostgresBarWriter}; per-symbol advisory locks keep concurrent workers from interleaving
 * writes to one symbol.
 */
public final class PostgresMarketStore implements MarketStore {
  private static final JdbcActionWriter ACTIONS =
      new JdbcActionWriter("symbol = ANY(?::text[])", "text", Types.NUMERIC);
  private static final Logger LOG = LoggerFactory.getLogger(PostgresMarketStore.class);

  private final DataSource dataSource;
  private final AutoCloseable closer;
  private final String description;
  private final String schemaVersion;
  private final JdbcQueries queries;
  private final PostgresBarWriter barWriter;
  private final PartitionManager partitions;
  private final JdbcRepairAttempts repairAttempts;
  private final JdbcQualityQueries quality;

  PostgresMarketStore(DataSource dataSource, AutoCloseable closer, String description, String schemaVersion) {
    this.dataSource = dataSource;
    this.closer = closer;
    this.description = description;
    this.schemaVersion = schemaVersion;
    PostgresDialect dialect = new PostgresDialect();
    JdbcDatabase db = new JdbcDatabase(dataSource::getConnection, dialect, description);
    this.queries = new JdbcQueries(db);
    this.partitions = new PartitionManager(dataSource, description);
    this.barWriter = new PostgresBarWriter();
    this.repairAttempts = new JdbcRepairAttempts(db);
    this.quality = new JdbcQualityQueries(db, new CopySeriesReader(dialect));
  }

  /** Connects, migrates to the latest schema and returns the store; the caller closes it. */
  public static PostgresMarketStore open(DbTarget.Postgres target, HubConfig config) {
    HikariDataSource pool = PostgresConnector.open(target, config);
    try {
      String version = PostgresMigrations.migrate(pool, Optional.empty());
      return new PostgresMarketStore(pool, pool, target.describe(), version);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** The pool behind the store, for collaborators that keep their own tables in the same database. */
  public DataSource dataSource() {
    return dataSource;
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
    return queries.upsertSymbol(symbol);
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
    long start = System.nanoTime();
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
    Set<Symbol> symbols = new TreeSet<>();
    sorted.forEach(b -> symbols.add(b.symbol()));
    actions.forEach(a -> symbols.add(a.symbol()));
    replacing.forEach(w -> symbols.add(w.symbol()));
    Set<Symbol> known = queries.registered(symbols);
    for (Symbol symbol : symbols) {
      if (!known.contains(symbol)) {
        throw new UnknownSymbolException(symbol);
      }
    }
    partitions.ensureYears(sorted);
    long prepared = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        PostgresBarWriter.lockSymbols(connection, symbols);
        long locked = System.nanoTime();
        Map<Symbol, LoadResult> barResults = sorted.isEmpty() ? Map.of() : barWriter.load(connection, sorted);
        long loaded = System.nanoTime();
        Map<Symbol, ActionLoadResult> actionResults = actions.isEmpty() && replacing.isEmpty()
            ? Map.of()
            : ACTIONS.upsert(connection, actions, replacing);
        connection.commit();
        if (LOG.isDebugEnabled()) {
          LOG.debug("write of {} bars / {} actions for {} symbols: prepare {} ms, lock {} ms, bars {} ms,"
                  + " actions+commit {} ms", sorted.size(), actions.size(), symbols.size(),
              (prepared - start) / 1_000_000, (locked - prepared) / 1_000_000, (loaded - locked) / 1_000_000,
              (System.nanoTime() - loaded) / 1_000_000);
        }
        Set<Symbol> reported = new TreeSet<>(symbols);
        rejected.forEach(r -> reported.add(r.symbol()));
        Map<Symbol, WriteResult> results = new LinkedHashMap<>();
        for (Symbol symbol : reported) {
          results.put(symbol, new WriteResult(
              barResults.getOrDefault(symbol, LoadResult.EMPTY)
                  .withRejections(rejected.stream().filter(r -> r.symbol().equals(symbol)).toList()),
              actionResults.getOrDefault(symbol, ActionLoadResult.EMPTY)));
        }
        return results;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw PostgresErrors.translate(e, "storing " + bars.size() + " bars and " + actions.size() + " actions for "
          + symbols + " in " + description);
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
    quality.recordWatermarks(watermarks, at);
  }

  @Override
  public int lowerQualityWatermarks(Map<Symbol, LocalDate> through) {
    return quality.lowerWatermarks(through);
  }

  @Override
  public List<RepairAttempt> repairAttempts(Symbol symbol, DateRange range) {
    return repairAttempts.find(symbol, range);
  }

  @Override
  public List<RepairAttempt> recordRepairAttempts(
      Symbol symbol, Collection<LocalDate> sessions, ProviderId provider, String outcome, Instant attemptedAt) {
    return repairAttempts.record(symbol, sessions, provider, outcome, attemptedAt);
  }

  @Override
  public void close() {
    try {
      closer.close();
    } catch (Exception e) {
      throw new StoreException("closing " + description + ": " + e.getMessage(), e);
    }
  }

  /** Groups bars by symbol preserving order; used by writers that treat symbols separately. */
  static Map<Symbol, List<DailyBar>> bySymbol(List<DailyBar> sorted) {
    Map<Symbol, List<DailyBar>> groups = new LinkedHashMap<>();
    for (DailyBar bar : sorted) {
      groups.computeIfAbsent(bar.symbol(), s -> new ArrayList<>()).add(bar);
    }
    return groups;
  }

  static Set<Integer> years(List<DailyBar> bars) {
    Set<Integer> years = new HashSet<>();
    bars.forEach(b -> years.add(b.date().getYear()));
    return years;
  }
}
