package io.aiinvest.datahub.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Waits for work that other threads do (a scheduler picking up what a test made due), checking every few
 * milliseconds. Never used to let scheduled time pass: tests move a {@link TickingClock} for that.
 */
public final class Await {
  private Await() {}

  public static <T> T until(String what, Supplier<T> probe, java.util.function.Predicate<T> done, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    T value = probe.get();
    while (!done.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + limit.toMillis() + " ms waiting for " + what + "; last: "
            + value);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      value = probe.get();
    }
    return value;
  }
}
