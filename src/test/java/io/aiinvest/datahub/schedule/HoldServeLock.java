package io.aiinvest.datahub.schedule;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Test helper run as a separate JVM: takes the serve lock of file ARG0 as worker ARG1, advertising the HTTP address
 * ARG2 if given, and holds it until stdin closes.
 */
public final class HoldServeLock {
  private HoldServeLock() {}

  public static void main(String[] args) throws Exception {
    try (InstanceLock lock = InstanceLock.acquire(Path.of(args[0]), args[1])) {
      if (args.length > 2) {
        lock.advertise(Optional.of(URI.create(args[2])));
      }
      System.out.println("holding " + args[0]);
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the test to close our stdin
      }
    }
  }
}
