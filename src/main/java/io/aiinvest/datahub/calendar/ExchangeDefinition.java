package io.aiinvest.datahub.calendar;

import io.aiinvest.datahub.domain.DatahubException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything that makes up one exchange's calendar, as read from its resource file: regular hours, weekend,
 * recurring holidays and early closes, and the one-off closures and early closes of its history. A
 * {@link TradingCalendar} is built from it.
 *
 * @param code the exchange's MIC-style code, e.g. {@code XNYS}
 * @param aliases other names under which symbols may carry this exchange (case and spacing do not matter)
 * @param coverageFrom first day the data is known to be right for
 * @param coverageTo last day the data is known to be right for; queries outside the coverage are refused
 * @param source where the rules and dates come from, for whoever maintains the file
 */
public record ExchangeDefinition(
    String code,
    String name,
    ZoneId zone,
    List<String> aliases,
    LocalDate coverageFrom,
    LocalDate coverageTo,
    Set<DayOfWeek> weekend,
    LocalTime open,
    LocalTime close,
    List<AnnualRule> holidays,
    List<EarlyCloseRule> earlyCloses,
    List<SpecialClosure> specialClosures,
    List<SpecialEarlyClose> specialEarlyCloses,
    String source) {

  private static final Pattern CODE = Pattern.compile("[A-Z0-9]{2,16}");

  public ExchangeDefinition {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new DatahubException("exchange code must be 2-16 upper-case letters or digits, got '" + code + "'");
    }
    require(code, zone, "zone");
    require(code, coverageFrom, "coverageFrom");
    require(code, coverageTo, "coverageTo");
    require(code, open, "open");
    require(code, close, "close");
    if (coverageFrom.isAfter(coverageTo)) {
      throw new DatahubException(code + ": coverageFrom " + coverageFrom + " is after coverageTo " + coverageTo);
    }
    if (!open.isBefore(close)) {
      throw new DatahubException(code + ": open " + open + " is not before close " + close);
    }
    name = name == null || name.isBlank() ? code : name;
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    weekend = weekend == null || weekend.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(weekend));
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
    earlyCloses = earlyCloses == null ? List.of() : List.copyOf(earlyCloses);
    specialClosures = specialClosures == null ? List.of() : List.copyOf(specialClosures);
    specialEarlyCloses = specialEarlyCloses == null ? List.of() : List.copyOf(specialEarlyCloses);
    source = source == null ? "" : source;
    for (EarlyCloseRule rule : earlyCloses) {
      requireEarly(code, rule.close(), close, rule.day().name());
    }
    for (SpecialEarlyClose day : specialEarlyCloses) {
      requireEarly(code, day.close(), close, day.date().toString());
    }
  }

  /**
   * The calendar used for an exchange the hub has no data for: every Monday to Friday is a session, 09:30 to 16:00
   * in the given zone, over a span wide enough for any end-of-day history.
   */
  public static ExchangeDefinition weekdays(ZoneId zone) {
    return new ExchangeDefinition(
        "WEEKDAYS",
        "Monday to Friday, no holidays (no calendar for the exchange)",
        zone,
        List.of(),
        LocalDate.of(1950, 1, 1),
        LocalDate.of(2099, 12, 31),
        EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
        LocalTime.of(9, 30),
        LocalTime.of(16, 0),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        "fallback for exchanges without a calendar file");
  }

  private static void require(String code, Object value, String field) {
    if (value == null) {
      throw new DatahubException(code + ": '" + field + "' is missing");
    }
  }

  private static void requireEarly(String code, LocalTime early, LocalTime regular, String what) {
    if (!early.isBefore(regular)) {
      throw new DatahubException(
          code + ": early close " + early + " for " + what + " is not before the regular close " + regular);
    }
  }
}
