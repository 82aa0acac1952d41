package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.Symbol;
import java.time.LocalDate;
import java.util.Objects;

/** A stored bar that breaks a bar rule (open or close outside [low, high], a price that is not positive). */
public record BarFault(Symbol symbol, LocalDate date, String rule) {
  public BarFault {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(rule, "rule");
  }
}
