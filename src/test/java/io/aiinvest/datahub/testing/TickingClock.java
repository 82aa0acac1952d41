package io.aiinvest.datahub.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests set to the moment they need (the hour before 18:00 New York, the Wednesday after a missed slot)
 * instead of waiting for it. Unlike {@link SettableClock}, time moves on from where it is set at the real pace, so a
 * scheduler that polls and heart-beats in real time sees it advance; {@link #set} and {@link #advance} jump it. Serves
 * both our code ({@link Clock}) and db-scheduler ({@link com.github.kagkarlsson.scheduler.Clock}).
 */
public final class TickingClock extends Clock implements com.github.kagkarlsson.scheduler.Clock {
  private volatile Instant base;
  private volatile long baseNanos;

  public TickingClock(Instant start) {
    set(start);
  }

  public synchronized void set(Instant instant) {
    base = instant;
    baseNanos = System.nanoTime();
  }

  public synchronized void advance(Duration duration) {
    set(instant().plus(duration));
  }

  @Override
  public synchronized Instant instant() {
    return base.plusNanos(System.nanoTime() - baseNanos);
  }

  @Override
  public Instant now() {
    return instant();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the settable clock is in UTC");
  }
}
