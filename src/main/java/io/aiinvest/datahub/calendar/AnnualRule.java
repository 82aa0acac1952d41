package io.aiinvest.datahub.calendar;

import io.aiinvest.datahub.domain.DatahubException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A day that recurs every year within a span of years: a holiday, or a day with an early close.
 *
 * <p>The day of a year is computed in this order: {@code date} gives the nominal day, {@code offsetDays} shifts it
 * (the day after Thanksgiving is the fourth Thursday of November plus one), {@code observance} moves it off a
 * weekend, and {@code onlyOn}, when not empty, keeps it only if it then falls on one of those weekdays (Christmas
 * Eve is an early close only from Monday to Thursday). {@code fromYear} and {@code toYear} bound the nominal year,
 * both inclusive; absent means unbounded.
 */
public record AnnualRule(
    String name,
    DateRule date,
    Integer offsetDays,
    Observance observance,
    Integer fromYear,
    Integer toYear,
    Set<DayOfWeek> onlyOn) {

  public AnnualRule {
    if (name == null || name.isBlank()) {
      throw new DatahubException("annual rule without a name");
    }
    if (date == null) {
      throw new DatahubException("annual rule '" + name + "' has no date");
    }
    // Absent JSON fields arrive as null: normalise once so that no accessor ever returns null.
    offsetDays = offsetDays == null ? 0 : offsetDays;
    observance = observance == null ? Observance.NONE : observance;
    fromYear = fromYear == null ? Integer.MIN_VALUE : fromYear;
    toYear = toYear == null ? Integer.MAX_VALUE : toYear;
    onlyOn = onlyOn == null || onlyOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(onlyOn));
    if (fromYear > toYear) {
      throw new DatahubException("annual rule '" + name + "': fromYear " + fromYear + " is after toYear " + toYear);
    }
  }

  /** The day this rule gives in {@code year}, if it applies that year. */
  public Optional<LocalDate> dayIn(int year) {
    if (year < fromYear || year > toYear) {
      return Optional.empty();
    }
    LocalDate day = observance.apply(date.dateIn(year).plusDays(offsetDays));
    if (!onlyOn.isEmpty() && !onlyOn.contains(day.getDayOfWeek())) {
      return Optional.empty();
    }
    return Optional.of(day);
  }
}
