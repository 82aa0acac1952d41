package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.Symbol;
import java.util.Objects;
import java.util.Optional;

/** What a daily job did for one symbol: its counts, or the error that stopped it (partial failure as a value). */
public record SymbolResult(
    Symbol symbol,
    long barsInserted,
    long barsUpdated,
    long actionsInserted,
    long actionsRevised,
    long findings,
    Optional<String> error) {

  public SymbolResult {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(error, "error");
  }

  public static SymbolResult ok(
      Symbol symbol, long barsInserted, long barsUpdated, long actionsInserted, long actionsRevised, long findings) {
    return new SymbolResult(
        symbol, barsInserted, barsUpdated, actionsInserted, actionsRevised, findings, Optional.empty());
  }

  public static SymbolResult failed(Symbol symbol, String error) {
    return new SymbolResult(symbol, 0, 0, 0, 0, 0, Optional.of(error));
  }

  public boolean succeeded() {
    return error.isEmpty();
  }

  /** This symbol's share of a run's counts. */
  public JobCounts counts() {
    return new JobCounts(succeeded() ? 1 : 0, succeeded() ? 0 : 1, barsInserted, barsUpdated, actionsInserted,
        actionsRevised, findings);
  }
}
