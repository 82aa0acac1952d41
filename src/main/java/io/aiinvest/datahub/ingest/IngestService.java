package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.store.ActionWindow;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.MarketStore.WriteResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches bars and actions of symbols from a provider, converts them to as-traded values, refuses actions that
 * cannot be right and stores each symbol in one transaction. One symbol's failure is recorded in its outcome and
 * never stops the others.
 */
public final class IngestService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final MarketStore store;
  private final ActionValidator validator;

  /** @param sessions each symbol's exchange calendar, to refuse actions dated off-session */
  public IngestService(MarketStore store, SymbolSessions sessions) {
    this.store = store;
    this.validator = new ActionValidator(sessions);
  }

  /**
   * Ingests every symbol over {@code range}.
   *
   * @param concurrency how many symbols are fetched and written at once
   */
  public IngestReport ingest(
      List<Symbol> symbols, BarProvider provider, DateRange range, int concurrency, IngestListener listener) {
    AtomicInteger done = new AtomicInteger();
    if (concurrency <= 1 || symbols.size() <= 1) {
      List<SymbolOutcome> outcomes = new ArrayList<>();
      for (Symbol symbol : symbols) {
        SymbolOutcome outcome = ingestOne(symbol, provider, range);
        outcomes.add(outcome);
        listener.symbolDone(outcome, done.incrementAndGet(), symbols.size());
      }
      return new IngestReport(outcomes);
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, symbols.size()));
    try {
      List<Future<SymbolOutcome>> futures = new ArrayList<>();
      for (Symbol symbol : symbols) {
        futures.add(pool.submit(() -> {
          SymbolOutcome outcome = ingestOne(symbol, provider, range);
          listener.symbolDone(outcome, done.incrementAndGet(), symbols.size());
          return outcome;
        }));
      }
      List<SymbolOutcome> outcomes = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        outcomes.add(await(futures.get(i), symbols.get(i)));
      }
      return new IngestReport(outcomes);
    } finally {
      pool.shutdownNow();
    }
  }

  private static SymbolOutcome await(Future<SymbolOutcome> future, Symbol symbol) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SymbolOutcome.failed(symbol, "interrupted");
    } catch (ExecutionException e) {
      return SymbolOutcome.failed(symbol, String.valueOf(e.getCause()));
    }
  }

  /**
   * Converts an answer already fetched to as-traded values, validates its actions and stores it in one
   * transaction. When the answer vouches for its complete action list over a window, the provider's stored actions
   * missing from the list are withdrawn; not when some of its actions were refused, since the refusal may be about
   * exactly such an action. Unlike {@link #ingestOne} it throws when the store refuses the data, for callers that
   * handle failures themselves.
   */
  public SymbolOutcome store(ProviderBars delivered) {
    Symbol symbol = delivered.symbol();
    SymbolInfo info = store.getSymbol(symbol);
    List<CorporateAction> stored = store.actions(symbol, DateRange.ALL);
    ProviderBars asTraded = AsTradedConverter.toAsTraded(delivered, stored);
    List<LocalDate> dividendDates = asTraded.actions().stream()
        .filter(a -> a.type() == ActionType.DIVIDEND).map(CorporateAction::exDate).toList();
    ActionValidator.Validated actions = validator.validate(info, asTraded.bars(), asTraded.actions(), stored,
        dividendDates.isEmpty() ? Map.of() : store.previousBars(symbol, dividendDates));
    Optional<ActionWindow> replacing = actions.rejections().isEmpty()
        ? asTraded.actionCoverage().map(window -> new ActionWindow(symbol, asTraded.source(), window))
        : Optional.empty();
    WriteResult written = store.write(asTraded.bars(), actions.accepted(), replacing);
    LOG.debug("symbol={} provider={} inserted={} updated={} unchanged={} rejected={} actions_refused={}"
        + " actions_withdrawn={}", symbol, asTraded.source(), written.bars().inserted(), written.bars().updated(),
        written.bars().unchanged(), asTraded.rejections().size(), actions.rejections().size(),
        written.actions().withdrawn());
    return SymbolOutcome.ok(symbol, asTraded.source(), written.bars().withRejections(asTraded.rejections()),
        written.actions().withRejections(actions.rejections()));
  }

  /** Fetches, converts, validates and stores one symbol; never throws for a data or provider problem. */
  public SymbolOutcome ingestOne(Symbol symbol, BarProvider provider, DateRange range) {
    try {
      store.getSymbol(symbol);
      return store(provider.fetch(symbol, range));
    } catch (DatahubException e) {
      LOG.warn("symbol={} provider={} failed: {}", symbol, provider.id(), e.getMessage());
      return SymbolOutcome.failed(symbol, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("symbol={} provider={} failed unexpectedly", symbol, provider.id(), e);
      return SymbolOutcome.failed(symbol, "unexpected " + e);
    }
  }
}
