package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.MarketStore.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches, converts to as-traded values and stores one symbol over a given range in one transaction, for callers that
 * handle a single symbol; runs over many symbols go through {@link IngestWorkflow}.
 */
public final class IngestService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final MarketStore store;

  public IngestService(MarketStore store) {
    this.store = store;
  }

  /**
   * Converts an answer already fetched to as-traded values and stores it in one transaction. Unlike
   * {@link #ingestOne} it throws when the store refuses the data, for callers that handle failures themselves.
   */
  public SymbolOutcome store(ProviderBars delivered) {
    Symbol symbol = delivered.symbol();
    ProviderBars asTraded = AsTradedConverter.toAsTraded(delivered, store.actions(symbol, DateRange.ALL));
    WriteResult written = store.write(asTraded.bars(), asTraded.actions());
    LOG.debug("symbol={} provider={} inserted={} updated={} unchanged={} rejected={}", symbol, asTraded.source(),
        written.bars().inserted(), written.bars().updated(), written.bars().unchanged(),
        asTraded.rejections().size());
    return SymbolOutcome.ok(
        symbol, asTraded.source(), written.bars().withRejections(asTraded.rejections()), written.actions());
  }

  /** Fetches, converts and stores one symbol; never throws for a data or provider problem. */
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
