package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderException.Kind;
import io.aiinvest.datahub.provider.SymbolMetadata;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * A provider that serves at most {@code limit} requests at once, however many workers call it: the per-provider
 * concurrency of an ingest run. A worker whose first provider is busy waits for a slot; one that falls back to the
 * next provider then competes only for that provider's slots.
 */
public final class ConcurrencyLimitedProvider implements BarProvider {
  private final BarProvider delegate;
  private final Semaphore slots;

  public ConcurrencyLimitedProvider(BarProvider delegate, int limit) {
    if (limit < 1) {
      throw new DatahubException(delegate.id() + ": concurrency must be >= 1, got " + limit);
    }
    this.delegate = delegate;
    this.slots = new Semaphore(limit, true);
  }

  @Override
  public ProviderId id() {
    return delegate.id();
  }

  @Override
  public ProviderBars fetch(Symbol symbol, DateRange range) {
    return inSlot(symbol, () -> delegate.fetch(symbol, range));
  }

  @Override
  public Optional<SymbolMetadata> metadata(Symbol symbol) {
    return inSlot(symbol, () -> delegate.metadata(symbol));
  }

  private <T> T inSlot(Symbol symbol, Supplier<T> call) {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(delegate.id(), Kind.UNAVAILABLE, symbol + ": interrupted waiting for a request slot");
    }
    try {
      return call.get();
    } finally {
      slots.release();
    }
  }
}
