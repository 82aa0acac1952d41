package io.aiinvest.datahub.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** How an exchange moves a holiday that falls on a weekend to a weekday. */
public enum Observance {
  /** The holiday is kept on its date; on a weekend it is simply lost. */
  NONE,
  /**
   * A Sunday holiday is observed on the Monday, a Saturday one is not observed at all (NYSE's New Year's Day: the
   * exchange trades on the Friday before, which is the last session of the old year).
   */
  SUNDAY_TO_MONDAY,
  /** A Saturday holiday is observed on the Friday before, a Sunday one on the Monday after. */
  NEAREST_WEEKDAY;

  LocalDate apply(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return switch (this) {
      case NONE -> date;
      case SUNDAY_TO_MONDAY -> day == DayOfWeek.SUNDAY ? date.plusDays(1) : date;
      case NEAREST_WEEKDAY -> switch (day) {
        case SATURDAY -> date.minusDays(1);
        case SUNDAY -> date.plusDays(1);
        default -> date;
      };
    };
  }
}
