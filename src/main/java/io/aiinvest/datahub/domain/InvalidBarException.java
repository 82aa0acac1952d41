package io.aiinvest.datahub.domain;

import java.time.LocalDate;

/** A bar that breaks one of the {@link BarRule}s; carries the rule so callers can report a rejection. */
public final class InvalidBarException extends DatahubException {
  private final transient Symbol symbol;
  private final LocalDate date;
  private final BarRule rule;

  public InvalidBarException(Symbol symbol, LocalDate date, BarRule rule) {
    super(symbol + " " + date + ": " + rule.description());
    this.symbol = symbol;
    this.date = date;
    this.rule = rule;
  }

  public Rejection toRejection() {
    return new Rejection(symbol, date, rule.constraintName(), rule.description());
  }

  public BarRule rule() {
    return rule;
  }
}
