package io.aiinvest.datahub.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** A clock tests move by hand instead of sleeping. */
public final class SettableClock extends Clock {
  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private volatile Instant now;

  public SettableClock(Instant now) {
    this.now = now;
  }

  /** A clock at a New York wall-clock time, e.g. {@code at("2024-12-03T16:30")}. */
  public static SettableClock newYork(String localDateTime) {
    return new SettableClock(ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), NEW_YORK).toInstant());
  }

  public void set(Instant instant) {
    now = instant;
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the hub reads instants; zones come from exchange calendars");
  }
}
