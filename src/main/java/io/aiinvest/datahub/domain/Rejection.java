package io.aiinvest.datahub.domain;

import java.time.LocalDate;

/** One input row that was refused, with the rule it broke; reported to the user, never dropped silently. */
public record Rejection(Symbol symbol, LocalDate date, String rule, String reason) {
  @Override
  public String toString() {
    return symbol + " " + date + " rejected (" + rule + "): " + reason;
  }
}
