package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a daily job did for one symbol: its counts, or the error that stopped it (partial failure as a value).
 *
 * @param provider the provider whose answer was stored, for jobs that fetch through a chain; empty otherwise
 */
public record SymbolResult(
    Symbol symbol,
    long barsInserted,
    long barsUpdated,
    long actionsInserted,
    long actionsRevised,
    long findings,
    Optional<String> error,
    Optional<ProviderId> provider) {

  public SymbolResult {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(provider, "provider");
  }

  public static SymbolResult ok(
      Symbol symbol, long barsInserted, long barsUpdated, long actionsInserted, long actionsRevised, long findings) {
    return new SymbolResult(symbol, barsInserted, barsUpdated, actionsInserted, actionsRevised, findings,
        Optional.empty(), Optional.empty());
  }

  /** This result, naming the provider whose answer was stored. */
  public SymbolResult from(ProviderId source) {
    return new SymbolResult(symbol, barsInserted, barsUpdated, actionsInserted, actionsRevised, findings, error,
        Optional.of(source));
  }

  public static SymbolResult failed(Symbol symbol, String error) {
    return new SymbolResult(symbol, 0, 0, 0, 0, 0, Optional.of(error), Optional.empty());
  }

  public boolean succeeded() {
    return error.isEmpty();
  }

  /** What changed, for a log line: the counts that are not zero, or "nothing new". */
  public String summary() {
    List<String> parts = new ArrayList<>();
    if (barsInserted > 0 || barsUpdated > 0) {
      parts.add("bars " + barsInserted + " inserted, " + barsUpdated + " updated");
    }
    if (actionsInserted > 0 || actionsRevised > 0) {
      parts.add("actions " + actionsInserted + " new, " + actionsRevised + " revised");
    }
    if (findings > 0) {
      parts.add(findings + " findings");
    }
    return parts.isEmpty() ? "nothing new" : String.join("; ", parts);
  }

  /** This symbol's share of a run's counts. */
  public JobCounts counts() {
    return new JobCounts(succeeded() ? 1 : 0, succeeded() ? 0 : 1, barsInserted, barsUpdated, actionsInserted,
        actionsRevised, findings);
  }
}
