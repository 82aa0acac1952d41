package io.aiinvest.datahub.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM running a test helper's {@code main} that takes hold of something (a database file, a lock), prints a
 * line starting with {@code holding }, and keeps it until its stdin closes: what a second datahub process sees.
 */
public final class HolderProcess implements AutoCloseable {
  private final Process process;

  private HolderProcess(Process process) {
    this.process = process;
  }

  /** Starts the helper on the test's class path and returns once it says it holds what it was given. */
  public static HolderProcess start(Class<?> main, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    do {
      line = output.readLine();
    } while (line != null && !line.startsWith("holding "));
    if (line == null) {
      process.destroy();
      throw new IllegalStateException(main.getSimpleName() + " ended before it held anything");
    }
    return new HolderProcess(process);
  }

  public long pid() {
    return process.pid();
  }

  /** Lets go: closes the helper's stdin and waits for it to end. */
  @Override
  public void close() throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroy();
    }
  }
}
