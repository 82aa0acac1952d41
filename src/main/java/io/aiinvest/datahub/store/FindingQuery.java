package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import java.time.Instant;
import java.util.Optional;

/** Filters for reading the data-quality log; every empty field matches all. Newest findings come first. */
public record FindingQuery(
    Optional<Symbol> symbol,
    Optional<Severity> minSeverity,
    Optional<String> checkType,
    Optional<Instant> since,
    boolean unresolvedOnly,
    int limit) {

  public static final FindingQuery ALL =
      new FindingQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, 1000);
}
