package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.provider.ChainResult;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderFailure;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.MarketStore.SymbolWrite;
import io.aiinvest.datahub.store.UnknownSymbolException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest, backfill and incremental-update workflows: for each symbol, decide the sessions to fetch
 * ({@link FetchPlanner}), fetch them through the provider chain (first provider that delivers wins; each bar names
 * its source), convert to as-traded values, and hand them to a {@link BatchWriter} that stores several symbols per
 * transaction. Symbols are fetched in parallel by {@link IngestSources#workers()} workers, each provider limited to
 * its own concurrency. One symbol's failure is its outcome and never stops the others.
 */
public final class IngestWorkflow {
  private static final Logger log = LoggerFactory.getLogger(IngestWorkflow.class);

  private final MarketStore store;
  private final FetchPlanner planner;
  private final IngestService ingest;
  private final IngestSettings settings;

  public IngestWorkflow(MarketStore store, CalendarRegistry calendars, Clock clock, IngestSettings settings) {
    SymbolSessions sessions = new SymbolSessions(calendars, SymbolSessions.DEFAULT_FALLBACK_ZONE, clock);
    this.store = store;
    this.planner = new FetchPlanner(store, sessions, settings);
    this.ingest = new IngestService(store, sessions);
    this.settings = settings;
    log.info("ingest {}", settings.describe());
  }

  /** Runs the request; every symbol gets an outcome, in the order asked for. */
  public IngestReport run(IngestRequest request, IngestSources sources, IngestListener listener) {
    List<Symbol> symbols = request.symbols();
    if (symbols.isEmpty()) {
      return new IngestReport(List.of());
    }
    // One query for every symbol's exchange instead of one per symbol.
    Map<Symbol, SymbolInfo> known = new HashMap<>();
    store.listSymbols(true).forEach(info -> known.put(info.symbol(), info));
    AtomicInteger done = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(Math.min(sources.workers(), symbols.size()), named());
    List<CompletableFuture<SymbolOutcome>> outcomes = new ArrayList<>();
    try (BatchWriter writer = new BatchWriter(store, settings.symbolsPerWrite())) {
      for (Symbol symbol : symbols) {
        Optional<SymbolInfo> registered = Optional.ofNullable(known.get(symbol));
        outcomes.add(CompletableFuture
            .supplyAsync(() -> ingest(symbol, registered, request, sources, writer), workers)
            .thenCompose(pending -> pending)
            .exceptionally(e -> unexpected(symbol, e))
            .thenApply(outcome -> {
              listener.symbolDone(outcome, done.incrementAndGet(), symbols.size());
              return outcome;
            }));
      }
      return new IngestReport(outcomes.stream().map(CompletableFuture::join).toList());
    } finally {
      workers.shutdownNow();
    }
  }

  /**
   * Plans and fetches one symbol; the outcome completes once the writer has stored it.
   *
   * @param registered what the store knows of the symbol; empty when it is not registered
   */
  private CompletableFuture<SymbolOutcome> ingest(Symbol symbol, Optional<SymbolInfo> registered,
      IngestRequest request, IngestSources sources, BatchWriter writer) {
    Optional<DateRange> sessions = Optional.empty();
    try {
      SymbolInfo info = registered.orElseThrow(() -> new UnknownSymbolException(symbol));
      FetchPlanner.Plan plan = planner.plan(info, request);
      if (plan.upToDate()) {
        log.debug("symbol={} up to date", symbol);
        return CompletableFuture.completedFuture(SymbolOutcome.upToDate(symbol, Optional.empty(), List.of()));
      }
      sessions = plan.sessions();
      ChainResult fetched =
          sources.chainFor(request.content()).fetchWithFallback(symbol, plan.fetchRange().orElseThrow());
      if (!fetched.succeeded()) {
        return CompletableFuture.completedFuture(notFetched(symbol, plan, fetched));
      }
      return store(info, request.content(), sessions.orElseThrow(), fetched, writer);
    } catch (DatahubException e) {
      log.warn("symbol={} failed: {}", symbol, e.getMessage());
      return CompletableFuture.completedFuture(SymbolOutcome.failed(symbol, sessions, e.getMessage(), List.of()));
    }
  }

  private static SymbolOutcome notFetched(Symbol symbol, FetchPlanner.Plan plan, ChainResult fetched) {
    boolean nothingNew = fetched.failures().stream().allMatch(f -> f.kind() == ProviderException.Kind.NO_DATA);
    if (plan.incremental() && nothingNew) {
      // The calendar says a session has passed, but no provider has its bar yet: not an error, try again later.
      log.info("symbol={} {}: no provider has bars yet ({})", symbol, plan.sessions().orElseThrow(),
          fetched.describeFailures());
      return SymbolOutcome.upToDate(symbol, plan.sessions(), fetched.failures());
    }
    log.warn("symbol={} {} failed: {}", symbol, plan.sessions().orElseThrow(), fetched.describeFailures());
    return SymbolOutcome.failed(symbol, plan.sessions(), fetched.describeFailures(), fetched.failures());
  }

  /**
   * Converts and validates the answer (as {@link IngestService#prepare}) and hands it to the writer. For actions
   * only, the bars still serve validation (a dividend's previous close) but are not written.
   */
  private CompletableFuture<SymbolOutcome> store(SymbolInfo info, IngestRequest.Content content, DateRange sessions,
      ChainResult fetched, BatchWriter writer) {
    Symbol symbol = info.symbol();
    ProviderBars delivered = fetched.bars().orElseThrow();
    List<ProviderFailure> fallbacks = fetched.failures();
    boolean actionsOnly = content == IngestRequest.Content.ACTIONS_ONLY;
    IngestService.Prepared prepared = ingest.prepare(info, actionsOnly ? delivered : within(delivered, sessions));
    SymbolWrite write = actionsOnly ? prepared.write().withoutBars() : prepared.write();
    List<Rejection> rejections = actionsOnly ? List.of() : prepared.barRejections();
    return writer.submit(write).handle((written, error) -> {
      if (error != null) {
        String message = cause(error).getMessage();
        log.warn("symbol={} provider={} not stored: {}", symbol, delivered.source(), message);
        return SymbolOutcome.failed(symbol, Optional.of(sessions), String.valueOf(message), fallbacks);
      }
      log.debug("symbol={} provider={} inserted={} updated={} unchanged={} rejected={}", symbol, delivered.source(),
          written.bars().inserted(), written.bars().updated(), written.bars().unchanged(), rejections.size());
      return SymbolOutcome.stored(symbol, delivered.source(), Optional.of(sessions),
          written.bars().withRejections(rejections), written.actions().withRejections(prepared.actionRejections()),
          fallbacks);
    });
  }

  /**
   * The answer with only the bars (and rejected rows) of the sessions to store; every action stays, since the splits
   * after the window are what undoes a split-adjusting provider's adjustment.
   */
  private static ProviderBars within(ProviderBars delivered, DateRange sessions) {
    List<DailyBar> bars = delivered.bars().stream().filter(b -> sessions.contains(b.date())).toList();
    List<Rejection> rejections = delivered.rejections().stream().filter(r -> sessions.contains(r.date())).toList();
    return new ProviderBars(delivered.symbol(), delivered.source(), delivered.basis(), bars, delivered.actions(),
        rejections, delivered.actionCoverage());
  }

  private static SymbolOutcome unexpected(Symbol symbol, Throwable error) {
    Throwable cause = cause(error);
    log.error("symbol={} failed unexpectedly", symbol, cause);
    return SymbolOutcome.failed(symbol, "unexpected " + cause);
  }

  private static Throwable cause(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  private static ThreadFactory named() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "ingest-fetch-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
