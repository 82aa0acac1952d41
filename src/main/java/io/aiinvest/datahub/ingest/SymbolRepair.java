package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What repairing one symbol did.
 *
 * @param calendar the label of the calendar the symbol was judged by
 * @param window the sessions looked at: the requested window narrowed to the symbol's own; empty when none is
 *     expected (no bars and no listing date, or an inactive symbol whose last bar is before the window)
 * @param filled sessions that were missing and now have a bar
 * @param stillMissing sessions still without a bar, including those skipped for backoff or given up
 * @param backingOff sessions not asked for this run because their backoff has not passed
 * @param givenUp sessions repair no longer asks for: the provider failed to deliver them too often
 * @param nextAttemptOn the first day a backing-off session is due again
 * @param fetches how many ranges were asked of the provider
 * @param error why the symbol could not be repaired (provider down, store refused); sessions not reached stay in
 *     {@code stillMissing} without an attempt counted
 */
public record SymbolRepair(
    Symbol symbol,
    String calendar,
    Optional<DateRange> window,
    List<LocalDate> filled,
    List<LocalDate> stillMissing,
    List<LocalDate> backingOff,
    List<LocalDate> givenUp,
    Optional<LocalDate> nextAttemptOn,
    int fetches,
    Optional<String> error) {

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
    filled = List.copyOf(filled);
    stillMissing = List.copyOf(stillMissing);
    backingOff = List.copyOf(backingOff);
    givenUp = List.copyOf(givenUp);
    Objects.requireNonNull(nextAttemptOn, "nextAttemptOn");
    Objects.requireNonNull(error, "error");
  }

  static SymbolRepair failed(Symbol symbol, String calendar, Optional<DateRange> window, String error) {
    return new SymbolRepair(symbol, calendar, window, List.of(), List.of(), List.of(), List.of(), Optional.empty(), 0,
        Optional.of(error));
  }

  public Status status() {
    if (error.isPresent()) {
      return Status.FAILED;
    }
    if (window.isEmpty()) {
      return Status.NOTHING_EXPECTED;
    }
    if (stillMissing.isEmpty()) {
      return filled.isEmpty() ? Status.COMPLETE : Status.FILLED;
    }
    return filled.isEmpty() ? Status.STILL_MISSING : Status.PARTLY_FILLED;
  }

  public boolean succeeded() {
    return error.isEmpty();
  }
}
