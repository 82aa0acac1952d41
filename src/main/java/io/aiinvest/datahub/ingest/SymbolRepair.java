package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.ProviderFailure;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What repairing one symbol did.
 *
 * @param calendar the label of the calendar the symbol was judged by
 * @param window the sessions looked at: the requested window narrowed to the symbol's own; empty when none is
 *     expected (no bars and no listing date, or an inactive symbol whose last bar is before the window)
 * @param filledBy sessions that were missing and now have a bar, each with the provider whose bar filled it
 * @param stillMissing sessions still without a bar, including those skipped for backoff or given up
 * @param backingOff sessions not asked for this run because their backoff has not passed
 * @param givenUp sessions repair no longer asks for: the providers failed to deliver them too often
 * @param nextAttemptOn the first day a backing-off session is due again
 * @param fetches how many ranges were asked of the providers, all providers of a chain counted
 * @param fallbacks providers of a chain that failed without answering (down, throttled, refused key, dividend-adjusted
 *     prices) while another provider answered in their place; not a failure of the symbol
 * @param error why the symbol could not be repaired (no provider answered, store refused); sessions not reached stay
 *     in {@code stillMissing} without an attempt counted
 * @param findingsLogged data-quality findings the repair logged: 1 when a provider delivered rows for the missing
 *     sessions that could not be bars and that the symbol's open {@value RefusedRowLog#CHECK_TYPE} finding did not
 *     hold yet, else 0
 */
public record SymbolRepair(
    Symbol symbol,
    String calendar,
    Optional<DateRange> window,
    SortedMap<LocalDate, ProviderId> filledBy,
    List<LocalDate> stillMissing,
    List<LocalDate> backingOff,
    List<LocalDate> givenUp,
    Optional<LocalDate> nextAttemptOn,
    int fetches,
    List<ProviderFailure> fallbacks,
    Optional<String> error,
    int findingsLogged) {

  /** One word per outcome, for tables and scripts. */
  public enum Status {
    /** No session of the window was missing. */
    COMPLETE,
    /** Every missing session was filled. */
    FILLED,
    PARTLY_FILLED,
    /** Sessions are missing and none could be filled (not delivered, backing off or given up). */
    STILL_MISSING,
    /** No session is expected in the window. */
    NOTHING_EXPECTED,
    FAILED
  }

  public SymbolRepair {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(window, "window");
    filledBy = Collections.unmodifiableSortedMap(new TreeMap<>(filledBy));
    stillMissing = List.copyOf(stillMissing);
    backingOff = List.copyOf(backingOff);
    givenUp = List.copyOf(givenUp);
    Objects.requireNonNull(nextAttemptOn, "nextAttemptOn");
    fallbacks = List.copyOf(fallbacks);
    Objects.requireNonNull(error, "error");
    if (findingsLogged < 0) {
      throw new IllegalArgumentException("findings logged cannot be negative, got " + findingsLogged);
    }
  }

  /** Nothing was missing in the window, or no window was expected at all. */
  static SymbolRepair nothingMissing(Symbol symbol, String calendar, Optional<DateRange> window) {
    return new SymbolRepair(symbol, calendar, window, new TreeMap<>(), List.of(), List.of(), List.of(),
        Optional.empty(), 0, List.of(), Optional.empty(), 0);
  }

  static SymbolRepair failed(Symbol symbol, String calendar, Optional<DateRange> window, String error) {
    return new SymbolRepair(symbol, calendar, window, new TreeMap<>(), List.of(), List.of(), List.of(),
        Optional.empty(), 0, List.of(), Optional.of(error), 0);
  }

  /** The sessions filled, oldest first. */
  public List<LocalDate> filled() {
    return List.copyOf(filledBy.keySet());
  }

  /** The sessions each provider filled, providers in the order of the first session they filled. */
  public Map<ProviderId, List<LocalDate>> filledByProvider() {
    Map<ProviderId, List<LocalDate>> byProvider = new LinkedHashMap<>();
    filledBy.forEach((session, provider) -> byProvider.computeIfAbsent(provider, p -> new ArrayList<>()).add(session));
    byProvider.replaceAll((provider, sessions) -> List.copyOf(sessions));
    return Collections.unmodifiableMap(byProvider);
  }

  public Status status() {
    if (error.isPresent()) {
      return Status.FAILED;
    }
    if (window.isEmpty()) {
      return Status.NOTHING_EXPECTED;
    }
    if (stillMissing.isEmpty()) {
      return filledBy.isEmpty() ? Status.COMPLETE : Status.FILLED;
    }
    return filledBy.isEmpty() ? Status.STILL_MISSING : Status.PARTLY_FILLED;
  }

  public boolean succeeded() {
    return error.isEmpty();
  }
}
