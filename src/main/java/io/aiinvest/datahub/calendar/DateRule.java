package io.aiinvest.datahub.calendar;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.aiinvest.datahub.domain.DatahubException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * Where an annual day falls in a given year, before any weekend observance. Written in a calendar file as an object
 * with a {@code type} of {@code fixed}, {@code nthWeekday}, {@code lastWeekday} or {@code easter}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = DateRule.Fixed.class, name = "fixed"),
  @JsonSubTypes.Type(value = DateRule.NthWeekday.class, name = "nthWeekday"),
  @JsonSubTypes.Type(value = DateRule.LastWeekday.class, name = "lastWeekday"),
  @JsonSubTypes.Type(value = DateRule.EasterSunday.class, name = "easter")
})
public sealed interface DateRule {

  LocalDate dateIn(int year);

  /** The same month and day every year, e.g. July 4. */
  record Fixed(int month, int day) implements DateRule {
    public Fixed {
      if (month < 1 || month > 12 || day < 1 || day > 31 || day > Month.of(month).maxLength()) {
        throw new DatahubException("fixed date rule: no day " + month + "-" + day + " in a year");
      }
    }

    @Override
    public LocalDate dateIn(int year) {
      return MonthDay.of(month, day).atYear(year);
    }
  }

  /** The n-th given weekday of a month, e.g. the third Monday of January (n from 1 to 4). */
  record NthWeekday(int month, DayOfWeek weekday, int nth) implements DateRule {
    public NthWeekday {
      Objects.requireNonNull(weekday, "weekday");
      if (month < 1 || month > 12 || nth < 1 || nth > 4) {
        throw new DatahubException("nthWeekday rule: month must be 1-12 and nth 1-4, got month " + month + ", nth " + nth);
      }
    }

    @Override
    public LocalDate dateIn(int year) {
      return YearMonth.of(year, month).atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(nth, weekday));
    }
  }

  /** The last given weekday of a month, e.g. the last Monday of May. */
  record LastWeekday(int month, DayOfWeek weekday) implements DateRule {
    public LastWeekday {
      Objects.requireNonNull(weekday, "weekday");
      if (month < 1 || month > 12) {
        throw new DatahubException("lastWeekday rule: month must be 1-12, got " + month);
      }
    }

    @Override
    public LocalDate dateIn(int year) {
      return YearMonth.of(year, month).atEndOfMonth().with(TemporalAdjusters.previousOrSame(weekday));
    }
  }

  /** Western (Gregorian) Easter Sunday; Good Friday is this with an offset of -2 days. */
  record EasterSunday() implements DateRule {
    @Override
    public LocalDate dateIn(int year) {
      // Anonymous Gregorian algorithm (Meeus/Jones/Butcher), exact for every Gregorian year.
      int a = year % 19;
      int b = year / 100;
      int c = year % 100;
      int d = b / 4;
      int e = b % 4;
      int f = (b + 8) / 25;
      int g = (b - f + 1) / 3;
      int h = (19 * a + b - d - g + 15) % 30;
      int i = c / 4;
      int k = c % 4;
      int l = (32 + 2 * e + 2 * i - h - k) % 7;
      int m = (a + 11 * h + 22 * l) / 451;
      int monthAndDay = h + l - 7 * m + 114;
      return LocalDate.of(year, monthAndDay / 31, monthAndDay % 31 + 1);
    }
  }
}
