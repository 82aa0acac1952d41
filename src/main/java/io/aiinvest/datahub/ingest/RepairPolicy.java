package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.RepairAttempt;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When repair may ask again for a session a provider did not deliver. After the n-th attempt it waits
 * {@code firstBackoffDays × 2^(n−1)} days (1, 2, 4, 8 with the defaults), counted in calendar days of the
 * exchange's time zone so that a nightly run a few minutes earlier than the last one is still due; after
 * {@code maxAttempts} attempts it gives up on the session. With the defaults a session is asked for on days 0, 1, 3,
 * 7 and 15 after it was first found missing, then left alone: a halted stock stays missing without being refetched on
 * every run, while a vendor that publishes late is caught on the next day.
 */
public record RepairPolicy(int maxAttempts, int firstBackoffDays) {
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final int DEFAULT_FIRST_BACKOFF_DAYS = 1;
  public static final RepairPolicy DEFAULT = new RepairPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_FIRST_BACKOFF_DAYS);

  /** Keeps {@code 2^(n−1)} within a long; nobody waits 2^30 days. */
  private static final int MAX_DOUBLINGS = 30;

  public RepairPolicy {
    if (maxAttempts < 1) {
      throw new DatahubException("repair max attempts must be >= 1, got " + maxAttempts);
    }
    if (firstBackoffDays < 1) {
      throw new DatahubException("repair first backoff must be >= 1 day, got " + firstBackoffDays);
    }
  }

  public boolean gaveUp(RepairAttempt attempt) {
    return attempt.attempts() >= maxAttempts;
  }

  /** The first day, in {@code zone}, on which the session may be asked for again; empty once repair gave up. */
  public Optional<LocalDate> nextAttemptOn(RepairAttempt attempt, ZoneId zone) {
    if (gaveUp(attempt)) {
      return Optional.empty();
    }
    long wait = (long) firstBackoffDays << Math.min(attempt.attempts() - 1, MAX_DOUBLINGS);
    return Optional.of(LocalDate.ofInstant(attempt.lastAttemptAt(), zone).plusDays(wait));
  }
}
