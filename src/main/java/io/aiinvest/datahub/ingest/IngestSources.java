package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderChain;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The providers of one run, in order of preference, each limited to its concurrency and cut into the chunks it
 * accepts, and how many workers feed them.
 *
 * @param bars the chain for bars: a provider whose bars are dividend-adjusted counts as failed there
 * @param actions the chain for splits and dividends alone, where any provider's events will do
 * @param workers symbols in hand at once: twice the largest provider limit, so that while half of them plan,
 *     convert and hand over to the writer, the other half keep every request slot of the provider busy
 */
public record IngestSources(ProviderChain bars, ProviderChain actions, int workers) {
  public IngestSources {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
  }

  /**
   * Wraps the providers with their limits from the settings; both chains share each provider's limit.
   *
   * @param concurrency when present, the limit of every provider instead of its configured one
   */
  public static IngestSources of(List<BarProvider> providers, IngestSettings settings, OptionalInt concurrency) {
    List<BarProvider> forActions = new ArrayList<>();
    List<BarProvider> forBars = new ArrayList<>();
    int workers = 1;
    for (BarProvider provider : providers) {
      int limit = concurrency.orElse(settings.concurrency(provider.id()));
      workers = Math.max(workers, 2 * limit);
      BarProvider limited = new ChunkedProvider(
          new ConcurrencyLimitedProvider(provider, limit), settings.maxDaysPerRequest(provider.id()));
      forActions.add(limited);
      forBars.add(new StorableBasisProvider(limited));
    }
    return new IngestSources(new ProviderChain(forBars), new ProviderChain(forActions), workers);
  }

  ProviderChain chainFor(IngestRequest.Content content) {
    return content == IngestRequest.Content.ACTIONS_ONLY ? actions : bars;
  }
}
