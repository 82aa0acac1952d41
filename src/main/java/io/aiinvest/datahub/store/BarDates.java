package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which days one symbol has bars on, without the bars: enough to compare its history with a trading calendar.
 *
 * @param first the symbol's first bar date over all its history, empty when it has no bars
 * @param last its last bar date over all its history
 * @param range the range {@code dates} were read for
 * @param dates the bar dates inside {@code range}, oldest first
 */
public record BarDates(
    Symbol symbol, Optional<LocalDate> first, Optional<LocalDate> last, DateRange range, List<LocalDate> dates) {

  public BarDates {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(range, "range");
    dates = List.copyOf(dates);
  }
}
