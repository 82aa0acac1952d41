package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderException.Kind;
import io.aiinvest.datahub.provider.SymbolMetadata;
import java.util.Optional;

/**
 * Refuses a provider's dividend-adjusted bars as a failure of that provider, so that a chain tries the next one:
 * such prices cannot be turned back into traded ones (Stooq's daily series, Alpha Vantage's adjusted series), and a
 * chain should not stop at them when a later provider has usable bars.
 */
final class StorableBasisProvider implements BarProvider {
  private final BarProvider delegate;

  StorableBasisProvider(BarProvider delegate) {
    this.delegate = delegate;
  }

  @Override
  public ProviderId id() {
    return delegate.id();
  }

  @Override
  public Optional<SymbolMetadata> metadata(Symbol symbol) {
    return delegate.metadata(symbol);
  }

  @Override
  public ProviderBars fetch(Symbol symbol, DateRange range) {
    ProviderBars bars = delegate.fetch(symbol, range);
    if (bars.basis() == PriceBasis.FULLY_ADJUSTED && !bars.bars().isEmpty()) {
      throw new ProviderException(delegate.id(), Kind.BAD_RESPONSE, symbol + " " + range
          + ": dividend-adjusted prices cannot be stored as traded; trying the next provider");
    }
    return bars;
  }
}
