package io.aiinvest.datahub.provider.http;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} header (RFC 9110 §10.2.3): either delay-seconds ({@code 120}) or an HTTP-date
 * ({@code Wed, 21 Oct 2015 07:28:00 GMT}), the latter in any of the three formats RFC 9110 §5.6.7 requires a
 * recipient to accept. A date is turned into a wait from {@code now}; a date already past asks for no wait at all.
 * Anything else is ignored (the computed backoff applies), as a malformed header should not fail a request.
 */
final class RetryAfter {
  /** IMF-fixdate, the preferred form: {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
  private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  /** ANSI C's asctime(), obsolete: {@code Sun Nov  6 08:49:37 1994}, always UTC. */
  private static final DateTimeFormatter ASCTIME = DateTimeFormatter
      .ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US)
      .withZone(ZoneOffset.UTC);

  private RetryAfter() {}

  /** The wait the header value asks for, measured from {@code now}. */
  static Optional<Duration> parse(String value, Instant now) {
    String text = value.strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
      } catch (NumberFormatException e) {
        return Optional.empty(); // more digits than a long holds
      }
    }
    return date(text, now).map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
  }

  private static Optional<Instant> date(String text, Instant now) {
    for (DateTimeFormatter format : List.of(IMF_FIXDATE, rfc850(now), ASCTIME)) {
      try {
        return Optional.of(Instant.from(format.parse(text)));
      } catch (DateTimeParseException e) {
        // try the next format
      }
    }
    return Optional.empty();
  }

  /**
   * RFC 850, obsolete: {@code Sunday, 06-Nov-94 08:49:37 GMT}. Its two-digit year is read as the year within 50 years
   * of {@code now} (RFC 9110: a year more than 50 years ahead is the most recent past year with those digits).
   */
  private static DateTimeFormatter rfc850(Instant now) {
    LocalDate base = LocalDate.ofInstant(now, ZoneOffset.UTC).minusYears(49);
    return new DateTimeFormatterBuilder()
        .appendPattern("EEEE, dd-MMM-")
        .appendValueReduced(ChronoField.YEAR, 2, 2, base)
        .appendPattern(" HH:mm:ss 'GMT'")
        .toFormatter(Locale.US)
        .withZone(ZoneOffset.UTC);
  }
}
