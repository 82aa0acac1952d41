package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.ingest.SymbolOutcome;

/** Turns the ingest services' per-symbol outcomes into job results. */
final class JobResults {
  private JobResults() {}

  static SymbolResult of(SymbolOutcome outcome) {
    if (outcome.error().isPresent()) {
      return SymbolResult.failed(outcome.symbol(), outcome.error().get());
    }
    SymbolResult ok = SymbolResult.ok(outcome.symbol(), outcome.bars().inserted(), outcome.bars().updated(),
        outcome.actions().inserted(), outcome.actions().revised() + outcome.actions().withdrawn(),
        outcome.findingsLogged());
    return outcome.provider().map(ok::from).orElse(ok);
  }
}
