package io.aiinvest.datahub.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@code data_quality_log}: what one check found for one symbol in one run.
 *
 * @param details JSON text listing the dates and values that tripped the check
 * @param resolvedAt when a later run no longer found it; empty while it stands
 */
public record QualityFinding(
    Optional<Long> id,
    Symbol symbol,
    String checkType,
    Severity severity,
    Instant checkTime,
    Optional<LocalDate> rangeStart,
    Optional<LocalDate> rangeEnd,
    int issueCount,
    String details,
    Optional<Instant> resolvedAt) {

  public QualityFinding {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(checkType, "checkType");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(checkTime, "checkTime");
    Objects.requireNonNull(details, "details");
    if (issueCount < 0) {
      throw new DatahubException("issue count must be >= 0, got " + issueCount);
    }
  }

  public boolean resolved() {
    return resolvedAt.isPresent();
  }
}
