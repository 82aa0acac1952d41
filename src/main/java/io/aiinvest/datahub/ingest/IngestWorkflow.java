package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.provider.ChainResult;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderChain;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The ingest, backfill and incremental-update workflows: for each symbol, decide the sessions to fetch
 * ({@link FetchPlanner}), fetch them through the provider chain (first provider that delivers wins; each bar names
 * its source), convert to as-traded values, and hand them to a {@link BatchWriter} that stores several symbols per
 * transaction. Symbols are fetched in parallel by {@link IngestSources#workers()} workers, each provider limited to
 * its own concurrency. One symbol's failure is its outcome and never stops the others. Once a symbol's bars are
 * stored, the rows refused on the way are logged as data-quality findings and the stored dates resolve earlier ones
 * ({@link RefusedRowLog}), and when bars were inserted or updated the symbol's data-quality watermarks are lowered
 * so the next incremental run examines them ({@link QualityRecheck}), whoever runs the workflow: {@code datahub
 * ingest} (CSV imports included), the {@code serve} jobs, the demo.
 */
public final class IngestWorkflow {
  private static final Logger log = LoggerFactory.getLogger(IngestWorkflow.class);
  /** The error of a symbol a stopped run did not start. */
  public static final String NOT_STARTED = "not started: the run was stopped";
  /** The error of a symbol an interrupted run did not store. */
  public static final String INTERRUPTED = "not stored: the run was interrupted";

  private final MarketStore store;
  private final FetchPlanner planner;
  private final IngestService ingest;
  private final RefusedRowLog refusedRows;
  private final QualityRecheck recheck;
  private final IngestSettings settings;

  public IngestWorkflow(MarketStore store, CalendarRegistry calendars, Clock clock, IngestSettings settings) {
    SymbolSessions sessions = new SymbolSessions(calendars, SymbolSessions.DEFAULT_FALLBACK_ZONE, clock);
    this.store = store;
    this.planner = new FetchPlanner(store, sessions, settings);
    this.ingest = new IngestService(store, sessions);
    this.refusedRows = new RefusedRowLog(store, clock);
    this.recheck = new QualityRecheck(store);
    this.settings = settings;
  }

  /** Runs the request; every symbol gets an outcome, in the order asked for. */
  public IngestReport run(IngestRequest request, IngestSources sources, IngestListener listener) {
    return run(request, sources, listener, () -> false);
  }

  /**
   * Runs the request until it is done or stopped; every symbol gets an outcome, in the order asked for.
   *
   * <p>Once {@code stopRequested} answers true, symbols not yet started are not started: they end failed with
   * {@link #NOT_STARTED}, having touched nothing; those in hand are fetched and stored as usual. When the calling
   * thread is interrupted, the run is aborted: fetches in progress are interrupted, nothing more is written (a batch
   * write under way commits or rolls back whole, and is not retried symbol by symbol), every symbol without a stored
   * result ends failed, and the method returns with the interrupt flag set.
   *
   * <p>The caller's logging context (MDC) is carried to the fetch workers and to the listener, with the symbol added.
   */
  public IngestReport run(IngestRequest request, IngestSources sources, IngestListener listener,
      BooleanSupplier stopRequested) {
    List<Symbol> symbols = request.symbols();
    if (symbols.isEmpty()) {
      return new IngestReport(List.of());
    }
    // The chain of this run, not the configured default: a CSV import reads files, whatever DATAHUB_PROVIDERS says.
    ProviderChain chain = sources.chainFor(request.content());
    log.info("ingest providers={} symbols={} content={} {}", chain.names(), symbols.size(), request.content(),
        settings.describe(chain.providers()));
    Map<String, String> logContext = Optional.ofNullable(MDC.getCopyOfContextMap()).orElse(Map.of());
    // One query for every symbol's exchange instead of one per symbol.
    Map<Symbol, SymbolInfo> known = new HashMap<>();
    store.listSymbols(true).forEach(info -> known.put(info.symbol(), info));
    // The open findings about refused rows, in one read as well: most symbols have none, and then storing their bars
    // costs the log nothing.
    Map<Symbol, List<QualityFinding>> openFindings = request.content() == IngestRequest.Content.ACTIONS_ONLY
        ? Map.of()
        : refusedRows.open(symbols);
    AtomicInteger done = new AtomicInteger();
    AtomicBoolean aborted = new AtomicBoolean();
    ExecutorService workers = Executors.newFixedThreadPool(Math.min(sources.workers(), symbols.size()), named());
    List<CompletableFuture<SymbolOutcome>> outcomes = new ArrayList<>();
    boolean interrupted = false;
    BatchWriter writer = new BatchWriter(store, settings.symbolsPerWrite(), logContext);
    try {
      for (Symbol symbol : symbols) {
        Optional<SymbolInfo> registered = Optional.ofNullable(known.get(symbol));
        outcomes.add(CompletableFuture
            .supplyAsync(() -> inContext(logContext, symbol, () -> aborted.get() || stopRequested.getAsBoolean()
                ? CompletableFuture.completedFuture(SymbolOutcome.failed(symbol, NOT_STARTED))
                : ingest(symbol, registered, request, sources, writer,
                    openFindings.getOrDefault(symbol, List.of()))), workers)
            .thenCompose(pending -> pending)
            .exceptionally(e -> unexpected(symbol, e))
            .thenApply(outcome -> inContext(logContext, symbol, () -> {
              listener.symbolDone(outcome, done.incrementAndGet(), symbols.size());
              return outcome;
            })));
      }
      try {
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture<?>[]::new)).get();
      } catch (InterruptedException e) {
        interrupted = true;
        aborted.set(true);
        writer.abort();
        // Symbols never started end here at once, as not started; those in hand have their fetch interrupted.
        workers.shutdownNow().forEach(Runnable::run);
      } catch (ExecutionException e) {
        // The listener threw: the caller's bookkeeping failed, which is the caller's to handle.
        throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
      }
    } finally {
      writer.close();
      workers.shutdownNow();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    List<SymbolOutcome> report = new ArrayList<>();
    for (int i = 0; i < symbols.size(); i++) {
      CompletableFuture<SymbolOutcome> outcome = outcomes.get(i);
      report.add(outcome.isDone() && !outcome.isCompletedExceptionally()
          ? outcome.join()
          : SymbolOutcome.failed(symbols.get(i), INTERRUPTED));
    }
    return new IngestReport(report);
  }

  /** Runs {@code work} with the run's logging context and the symbol, then puts the thread's own context back. */
  private static <T> T inContext(Map<String, String> logContext, Symbol symbol, Supplier<T> work) {
    Map<String, String> previous = MDC.getCopyOfContextMap();
    MDC.setContextMap(logContext);
    MDC.put("symbol", symbol.value());
    try {
      return work.get();
    } finally {
      if (previous == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(previous);
      }
    }
  }

  /**
   * Plans and fetches one symbol; the outcome completes once the writer has stored it.
   *
   * @param registered what the store knows of the symbol; empty when it is not registered
   * @param openFindings the symbol's open findings about refused rows
   */
  private CompletableFuture<SymbolOutcome> ingest(Symbol symbol, Optional<SymbolInfo> registered,
      IngestRequest request, IngestSources sources, BatchWriter writer, List<QualityFinding> openFindings) {
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
      return store(info, request.content(), sessions.orElseThrow(), fetched, writer, openFindings);
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
   * only, the bars still serve validation (a dividend's previous close) but are not written. Once the write has
   * committed, the symbol's data-quality watermarks are lowered when bars changed and its refused rows are settled
   * with the data-quality log; if either fails, the symbol fails saying its bars were stored.
   */
  private CompletableFuture<SymbolOutcome> store(SymbolInfo info, IngestRequest.Content content, DateRange sessions,
      ChainResult fetched, BatchWriter writer, List<QualityFinding> openFindings) {
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
      SymbolOutcome stored = SymbolOutcome.stored(symbol, delivered.source(), Optional.of(sessions),
          written.bars().withRejections(rejections), written.actions().withRejections(prepared.actionRejections()),
          fallbacks);
      if (actionsOnly) {
        return stored;
      }
      try {
        recheck.afterWrite(symbol, write.bars(), written.bars());
      } catch (RuntimeException e) {
        String message = QualityRecheck.notLowered(written.bars(), e);
        log.warn("symbol={} provider={} {}", symbol, delivered.source(), message);
        return SymbolOutcome.failed(symbol, Optional.of(sessions), message, fallbacks);
      }
      try {
        boolean logged = refusedRows.settle(symbol, prepared.source(), write.bars(), rejections, openFindings);
        return stored.withFindingsLogged(logged ? 1 : 0);
      } catch (RuntimeException e) {
        String message = RefusedRowLog.notSettled(written.bars(), rejections.size(), e);
        log.warn("symbol={} provider={} {}", symbol, delivered.source(), message);
        return SymbolOutcome.failed(symbol, Optional.of(sessions), message, fallbacks);
      }
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
