package io.aiinvest.datahub.provider;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Providers in order of preference for one symbol at a time: the first one that delivers wins; a failure whose
 * {@link ProviderException#worthFallingBack()} holds moves on to the next, any other stops the chain. Thread-safe
 * (it holds no state of its own), so one chain serves every worker of an ingest run.
 *
 * <p>The chain is itself a {@link BarProvider}, so ingest can take it wherever it takes one provider; the bars it
 * returns name the provider that delivered them ({@link ProviderBars#source()}), and {@link #fetchWithFallback}
 * also reports the failures before that.
 */
public final class ProviderChain implements BarProvider {
  /** The chain's own name in logs; the bars carry the real provider's. */
  public static final ProviderId ID = ProviderId.of("chain");

  private static final Logger log = LoggerFactory.getLogger(ProviderChain.class);

  private final List<BarProvider> providers;

  public ProviderChain(List<BarProvider> providers) {
    if (providers.isEmpty()) {
      throw new DatahubException("a provider chain needs at least one provider");
    }
    Set<ProviderId> seen = new HashSet<>();
    for (BarProvider provider : providers) {
      if (!seen.add(provider.id())) {
        throw new DatahubException("provider " + provider.id() + " is listed twice");
      }
    }
    this.providers = List.copyOf(providers);
  }

  @Override
  public ProviderId id() {
    return ID;
  }

  /** The provider as a chain: itself when it is one, otherwise a chain of that provider alone. */
  public static ProviderChain of(BarProvider provider) {
    return provider instanceof ProviderChain chain ? chain : new ProviderChain(List.of(provider));
  }

  public List<ProviderId> providers() {
    return providers.stream().map(BarProvider::id).toList();
  }

  /**
   * The providers themselves, in order of preference, for callers that walk the chain on their own terms (repair
   * asks each next provider only for the sessions the ones before it did not deliver).
   */
  public List<BarProvider> members() {
    return providers;
  }

  /** The providers' names joined by commas, as {@code --provider} takes them, for logs. */
  public String names() {
    return String.join(",", providers().stream().map(ProviderId::value).toList());
  }

  /**
   * Bars from the first provider that has them.
   *
   * @throws ProviderException when none delivered, of the last provider's kind, listing every provider's failure
   */
  @Override
  public ProviderBars fetch(Symbol symbol, DateRange range) {
    return fetchWithFallback(symbol, range).getBars();
  }

  /** Bars for the symbol from the first provider that has them; never throws for a provider's failure. */
  public ChainResult fetchWithFallback(Symbol symbol, DateRange range) {
    List<ProviderFailure> failures = new ArrayList<>();
    for (BarProvider provider : providers) {
      try {
        ProviderBars bars = provider.fetch(symbol, range);
        if (!failures.isEmpty()) {
          log.info("{} {}: fetched from {} after {}", symbol, range, provider.id(), describe(failures));
        }
        return new ChainResult(symbol, range, Optional.of(bars), failures);
      } catch (ProviderException e) {
        failures.add(ProviderFailure.of(e));
        if (!e.worthFallingBack()) {
          break;
        }
        log.debug("{} {}: {} failed ({}), trying the next provider", symbol, range, provider.id(), e.kind());
      }
    }
    return new ChainResult(symbol, range, Optional.empty(), failures);
  }

  /**
   * Metadata from the first provider that has some, for {@code add-symbol --lookup}; empty when no provider offers
   * metadata for the symbol.
   *
   * @throws ProviderException when no provider delivered and at least one failed, listing every failure
   */
  @Override
  public Optional<SymbolMetadata> metadata(Symbol symbol) {
    List<ProviderFailure> failures = new ArrayList<>();
    for (BarProvider provider : providers) {
      try {
        Optional<SymbolMetadata> found = provider.metadata(symbol);
        if (found.isPresent()) {
          return found;
        }
      } catch (ProviderException e) {
        failures.add(ProviderFailure.of(e));
        if (!e.worthFallingBack()) {
          break;
        }
      }
    }
    if (failures.isEmpty()) {
      return Optional.empty();
    }
    ProviderFailure last = failures.get(failures.size() - 1);
    throw new ProviderException(last.provider(), last.kind(), symbol + " metadata: " + failures);
  }

  private static String describe(List<ProviderFailure> failures) {
    return failures.stream().map(f -> f.provider() + " " + f.kind()).toList().toString();
  }
}
