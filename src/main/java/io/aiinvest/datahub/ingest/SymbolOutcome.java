package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.ActionLoadResult;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import java.util.Optional;

/** What ingesting one symbol did: its load counts and the provider used, or the error that stopped it. */
public record SymbolOutcome(
    Symbol symbol,
    Optional<ProviderId> provider,
    LoadResult bars,
    ActionLoadResult actions,
    Optional<String> error) {

  public static SymbolOutcome ok(Symbol symbol, ProviderId provider, LoadResult bars, ActionLoadResult actions) {
    return new SymbolOutcome(symbol, Optional.of(provider), bars, actions, Optional.empty());
  }

  public static SymbolOutcome failed(Symbol symbol, String error) {
    return new SymbolOutcome(symbol, Optional.empty(), LoadResult.EMPTY, ActionLoadResult.EMPTY, Optional.of(error));
  }

  public boolean succeeded() {
    return error.isEmpty();
  }
}
