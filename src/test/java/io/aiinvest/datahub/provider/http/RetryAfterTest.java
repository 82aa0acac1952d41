package io.aiinvest.datahub.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("1994-11-06T08:49:00Z");

  @Test
  void readsDelaySeconds() {
    assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
  }

  @Test
  void readsAllThreeHttpDateFormatsAsTheWaitFromNow() {
    // RFC 9110 §5.6.7's examples of the same instant, 37 s after NOW.
    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).contains(Duration.ofSeconds(37));
    assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).contains(Duration.ofSeconds(37));
    assertThat(RetryAfter.parse("Sun Nov  6 08:49:37 1994", NOW)).contains(Duration.ofSeconds(37));
  }

  @Test
  void readsTwoDigitRfc850YearsWithinFiftyYearsOfNow() {
    Instant now = Instant.parse("2024-06-01T00:00:00Z");
    assertThat(RetryAfter.parse("Saturday, 01-Jun-24 00:01:00 GMT", now)).contains(Duration.ofMinutes(1));
  }

  @Test
  void aDateAlreadyPastAsksForNoWait() {
    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @Test
  void ignoresValuesThatAreNeitherSecondsNorADate() {
    assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("", NOW)).isEmpty();
    assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
    assertThat(RetryAfter.parse("99999999999999999999", NOW)).isEmpty();
    assertThat(RetryAfter.parse("2015-10-21T07:28:00Z", NOW)).isEmpty();
  }
}
