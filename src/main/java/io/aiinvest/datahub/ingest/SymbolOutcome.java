package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.ActionLoadResult;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.ProviderFailure;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What ingesting one symbol did: its load counts and the provider used, that it was already up to date, or the error
 * that stopped it.
 *
 * @param range the sessions asked for; empty when the symbol was up to date without a request or failed before one
 * @param fallbacks failures of the providers tried before the one used (all of them when the symbol failed)
 * @param findingsLogged data-quality findings the symbol's write logged: 1 when it brought refused rows its open
 *     {@value RefusedRowLog#CHECK_TYPE} finding did not hold yet ({@link RefusedRowLog}), else 0
 */
public record SymbolOutcome(
    Symbol symbol,
    Status status,
    Optional<ProviderId> provider,
    Optional<DateRange> range,
    LoadResult bars,
    ActionLoadResult actions,
    List<ProviderFailure> fallbacks,
    Optional<String> error,
    int findingsLogged) {

  /** How one symbol came out of a run. */
  public enum Status {
    /** Fetched and stored (possibly nothing new: every bar unchanged). */
    OK,
    /** Nothing to fetch: no completed session after the last stored bar, or none the providers have yet. */
    UP_TO_DATE,
    FAILED
  }

  public SymbolOutcome {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(bars, "bars");
    Objects.requireNonNull(actions, "actions");
    fallbacks = List.copyOf(fallbacks);
    if ((status == Status.FAILED) != error.isPresent()) {
      throw new IllegalArgumentException("a failed outcome, and only a failed one, carries an error");
    }
    if (findingsLogged < 0 || (findingsLogged > 0 && status != Status.OK)) {
      throw new IllegalArgumentException("only a stored outcome logs findings, got " + findingsLogged);
    }
  }

  public static SymbolOutcome ok(Symbol symbol, ProviderId provider, LoadResult bars, ActionLoadResult actions) {
    return stored(symbol, provider, Optional.empty(), bars, actions, List.of());
  }

  public static SymbolOutcome stored(Symbol symbol, ProviderId provider, Optional<DateRange> range, LoadResult bars,
      ActionLoadResult actions, List<ProviderFailure> fallbacks) {
    return new SymbolOutcome(
        symbol, Status.OK, Optional.of(provider), range, bars, actions, fallbacks, Optional.empty(), 0);
  }

  public static SymbolOutcome upToDate(Symbol symbol, Optional<DateRange> range, List<ProviderFailure> fallbacks) {
    return new SymbolOutcome(symbol, Status.UP_TO_DATE, Optional.empty(), range, LoadResult.EMPTY,
        ActionLoadResult.EMPTY, fallbacks, Optional.empty(), 0);
  }

  public static SymbolOutcome failed(Symbol symbol, String error) {
    return failed(symbol, Optional.empty(), error, List.of());
  }

  public static SymbolOutcome failed(
      Symbol symbol, Optional<DateRange> range, String error, List<ProviderFailure> fallbacks) {
    return new SymbolOutcome(symbol, Status.FAILED, Optional.empty(), range, LoadResult.EMPTY,
        ActionLoadResult.EMPTY, fallbacks, Optional.of(error), 0);
  }

  /** This outcome, having logged {@code count} data-quality findings. */
  public SymbolOutcome withFindingsLogged(int count) {
    return new SymbolOutcome(symbol, status, provider, range, bars, actions, fallbacks, error, count);
  }

  public boolean succeeded() {
    return status != Status.FAILED;
  }
}
