package io.aiinvest.datahub.calendar;

import java.util.Objects;

/**
 * The calendar a symbol is judged by, with the label findings and reports print: the exchange code, or for the
 * weekday fallback why it is used, e.g. {@code weekday fallback (exchange FOO has no calendar)}, so that nobody reads
 * a holiday reported as missing as a real hole.
 */
public record SymbolCalendar(TradingCalendar calendar, String label) {
  public SymbolCalendar {
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(label, "label");
  }
}
