package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderChain;
import io.aiinvest.datahub.store.ActionWindow;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.MarketStore.SymbolWrite;
import io.aiinvest.datahub.store.MarketStore.WriteResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one provider answer into what the store keeps: as-traded bars, actions that passed validation (refused ones
 * become rejections), and the window over which the answer vouches for its complete action list. {@link #store}
 * writes one symbol in one transaction; {@link IngestWorkflow} uses {@link #prepare} and writes many symbols in
 * batches.
 */
public final class IngestService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final MarketStore store;
  private final ActionValidator validator;
  private final RefusedRowLog refusedRows;
  private final QualityRecheck recheck;

  /**
   * @param sessions each symbol's exchange calendar, to refuse actions dated off-session; its clock dates the
   *     data-quality findings of refused rows
   */
  public IngestService(MarketStore store, SymbolSessions sessions) {
    this.store = store;
    this.validator = new ActionValidator(sessions);
    this.refusedRows = new RefusedRowLog(store, sessions.clock());
    this.recheck = new QualityRecheck(store);
  }

  /**
   * Converts an answer already fetched to as-traded values, validates its actions and stores it in one
   * transaction. When the answer vouches for its complete action list over a window, the provider's stored actions
   * missing from the list are withdrawn; not when some of its actions were refused, since the refusal may be about
   * exactly such an action. Once written, the rows refused on the way are logged as data-quality findings and the
   * dates of the stored bars resolve earlier ones ({@link RefusedRowLog}); when bars were inserted or updated, the
   * symbol's data-quality watermarks are lowered so the next incremental run examines them ({@link QualityRecheck}).
   * Unlike {@link #ingestOne} it throws when the store refuses the data, the findings or the watermarks, for callers
   * that handle failures themselves.
   */
  public SymbolOutcome store(ProviderBars delivered) {
    Prepared prepared = prepare(store.getSymbol(delivered.symbol()), delivered);
    SymbolWrite write = prepared.write();
    WriteResult written = store.write(write.bars(), write.actions(), write.replacing());
    try {
      recheck.afterWrite(write.symbol(), write.bars(), written.bars());
    } catch (RuntimeException e) {
      throw new DatahubException(write.symbol() + ": " + QualityRecheck.notLowered(written.bars(), e), e);
    }
    boolean logged;
    try {
      logged = refusedRows.settle(write.symbol(), prepared.source(), write.bars(), prepared.barRejections());
    } catch (RuntimeException e) {
      throw new DatahubException(write.symbol() + ": "
          + RefusedRowLog.notSettled(written.bars(), prepared.barRejections().size(), e), e);
    }
    LOG.debug("symbol={} provider={} inserted={} updated={} unchanged={} rejected={} actions_refused={}"
        + " actions_withdrawn={}", write.symbol(), prepared.source(), written.bars().inserted(),
        written.bars().updated(), written.bars().unchanged(), prepared.barRejections().size(),
        prepared.actionRejections().size(), written.actions().withdrawn());
    return SymbolOutcome.ok(write.symbol(), prepared.source(), written.bars().withRejections(prepared.barRejections()),
        written.actions().withRejections(prepared.actionRejections())).withFindingsLogged(logged ? 1 : 0);
  }

  /**
   * What storing an answer writes, and what was refused on the way.
   *
   * @param barRejections rows that could not be bars, as delivered or after conversion
   * @param actionRejections actions that failed validation
   */
  public record Prepared(
      SymbolWrite write, ProviderId source, List<Rejection> barRejections, List<Rejection> actionRejections) {
    public Prepared {
      barRejections = List.copyOf(barRejections);
      actionRejections = List.copyOf(actionRejections);
    }
  }

  /** Converts and validates an answer for the symbol; reads the store, writes nothing. */
  public Prepared prepare(SymbolInfo info, ProviderBars delivered) {
    Symbol symbol = delivered.symbol();
    List<CorporateAction> stored = store.actions(symbol, DateRange.ALL);
    ProviderBars asTraded = AsTradedConverter.toAsTraded(delivered, stored);
    List<LocalDate> dividendDates = asTraded.actions().stream()
        .filter(a -> a.type() == ActionType.DIVIDEND).map(CorporateAction::exDate).toList();
    ActionValidator.Validated actions = validator.validate(info, asTraded.bars(), asTraded.actions(), stored,
        dividendDates.isEmpty() ? Map.of() : store.previousBars(symbol, dividendDates));
    Optional<ActionWindow> replacing = actions.rejections().isEmpty()
        ? asTraded.actionCoverage().map(window -> new ActionWindow(symbol, asTraded.source(), window))
        : Optional.empty();
    return new Prepared(new SymbolWrite(symbol, asTraded.bars(), actions.accepted(), replacing), asTraded.source(),
        asTraded.rejections(), actions.rejections());
  }

  /** Fetches, converts, validates and stores one symbol; never throws for a data or provider problem. */
  public SymbolOutcome ingestOne(Symbol symbol, BarProvider provider, DateRange range) {
    try {
      store.getSymbol(symbol);
      return store(provider.fetch(symbol, range));
    } catch (DatahubException e) {
      LOG.warn("symbol={} providers={} failed: {}", symbol, ProviderChain.of(provider).names(), e.getMessage());
      return SymbolOutcome.failed(symbol, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("symbol={} providers={} failed unexpectedly", symbol, ProviderChain.of(provider).names(), e);
      return SymbolOutcome.failed(symbol, "unexpected " + e);
    }
  }
}
