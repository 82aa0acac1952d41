package io.aiinvest.datahub.provider;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a {@link ProviderChain} got for one symbol: the first provider's bars that came through, and the failures
 * of the providers tried before it (all of them when none delivered).
 */
public record ChainResult(Symbol symbol, DateRange range, Optional<ProviderBars> bars, List<ProviderFailure> failures) {
  public ChainResult {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(bars, "bars");
    failures = List.copyOf(failures);
    if (bars.isEmpty() && failures.isEmpty()) {
      throw new IllegalArgumentException("a chain result needs bars or at least one failure");
    }
  }

  public boolean succeeded() {
    return bars.isPresent();
  }

  /** The provider whose bars these are; empty when every provider failed. */
  public Optional<ProviderId> provider() {
    return bars.map(ProviderBars::source);
  }

  /** The bars, or a {@link ProviderException} of the last provider's kind listing every failure. */
  public ProviderBars getBars() {
    return bars.orElseThrow(() -> {
      ProviderFailure last = failures.get(failures.size() - 1);
      return new ProviderException(last.provider(), last.kind(), symbol + " " + range + ": " + describeFailures());
    });
  }

  /**
   * True when nothing was delivered and every provider said there is simply no data (or no such symbol): for an
   * incremental update on a day without a new session that is not an error.
   */
  public boolean nothingToFetch() {
    return bars.isEmpty()
        && failures.stream().allMatch(f -> f.kind() == ProviderException.Kind.NO_DATA
            || f.kind() == ProviderException.Kind.UNKNOWN_SYMBOL);
  }

  /** One line per failure, e.g. {@code yahoo UNAVAILABLE: …; stooq NO_DATA: …}. */
  public String describeFailures() {
    return failures.stream().map(ProviderFailure::toString).collect(Collectors.joining("; "));
  }
}
