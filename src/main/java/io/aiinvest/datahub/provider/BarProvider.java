package io.aiinvest.datahub.provider;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import java.util.Optional;

/**
 * A source of daily bars and corporate actions. Implementations say in each result what adjustment their prices
 * carry; converting to the stored as-traded series is ingest's job, not theirs.
 *
 * <p>Failures are {@link ProviderException}s whose {@link ProviderException.Kind} tells ingest whether to try the
 * next provider (no data, unavailable, rate limited) or to give up on the symbol.
 */
public interface BarProvider {
  ProviderId id();

  /** Bars and actions of one symbol for the inclusive date range. */
  ProviderBars fetch(Symbol symbol, DateRange range);

  /** Name, exchange, currency and instrument type, where the provider offers them. */
  default Optional<SymbolMetadata> metadata(Symbol symbol) {
    return Optional.empty();
  }
}
