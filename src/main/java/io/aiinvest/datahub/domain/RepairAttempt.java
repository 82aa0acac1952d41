package io.aiinvest.datahub.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * How often repair has asked a provider for one missing session of a symbol without getting a bar, so that a halted
 * stock's sessions are retried with growing pauses and then given up instead of refetched on every run.
 *
 * @param lastOutcome what the provider answered the last time, for the operator
 */
public record RepairAttempt(
    Symbol symbol,
    LocalDate session,
    int attempts,
    Instant firstAttemptAt,
    Instant lastAttemptAt,
    ProviderId lastProvider,
    String lastOutcome) {

  public RepairAttempt {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(firstAttemptAt, "firstAttemptAt");
    Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
    Objects.requireNonNull(lastProvider, "lastProvider");
    Objects.requireNonNull(lastOutcome, "lastOutcome");
    if (attempts < 1) {
      throw new DatahubException(symbol + " " + session + ": repair attempts must be >= 1, got " + attempts);
    }
    if (lastAttemptAt.isBefore(firstAttemptAt)) {
      throw new DatahubException(symbol + " " + session + ": last repair attempt " + lastAttemptAt
          + " is before the first " + firstAttemptAt);
    }
  }
}
