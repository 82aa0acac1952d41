package io.aiinvest.datahub.domain;

import java.time.LocalDate;
import java.util.Optional;

/** An inclusive range of session dates; either end may be open. */
public record DateRange(Optional<LocalDate> from, Optional<LocalDate> to) {
  public static final DateRange ALL = new DateRange(Optional.empty(), Optional.empty());

  public DateRange {
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new DatahubException("date range is empty: from " + from.get() + " is after to " + to.get());
    }
  }

  public static DateRange of(LocalDate from, LocalDate to) {
    return new DateRange(Optional.ofNullable(from), Optional.ofNullable(to));
  }

  public boolean contains(LocalDate date) {
    return from.map(f -> !date.isBefore(f)).orElse(true) && to.map(t -> !date.isAfter(t)).orElse(true);
  }

  @Override
  public String toString() {
    return from.map(LocalDate::toString).orElse("…") + ".." + to.map(LocalDate::toString).orElse("…");
  }
}
