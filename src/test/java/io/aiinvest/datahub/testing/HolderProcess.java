package io.aiinvest.datahub.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM running a {@code main} that takes hold of something (a database file, a lock) and keeps it: what a
 * second datahub process sees. A test helper's {@code main} prints a line starting with {@code holding } and lets go
 * when its stdin closes ({@link #start}); {@code datahub serve} itself prints its banner and runs until it is signalled
 * ({@link #builder}, {@link #stop}, {@link #kill}).
 */
public final class HolderProcess implements AutoCloseable {
  private final Process process;
  private final String readyLine;

  private HolderProcess(Process process, String readyLine) {
    this.process = process;
    this.readyLine = readyLine;
  }

  /** Starts the helper on the test's class path and returns once it says it holds what it was given. */
  public static HolderProcess start(Class<?> main, String... args) throws IOException {
    return builder(main).start(args);
  }

  /** A JVM on the test's class path running {@code main}, to configure before it starts. */
  public static Builder builder(Class<?> main) {
    return new Builder(main);
  }

  /** How the JVM is started; by default as {@link #start} starts a helper. */
  public static final class Builder {
    private final Class<?> main;
    private Optional<Map<String, String>> environment = Optional.empty();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Optional<Path> stderr = Optional.empty();
    private String ready = "holding ";

    private Builder(Class<?> main) {
      this.main = main;
    }

    /** Only these environment variables, instead of the test's own. */
    public Builder environment(Map<String, String> variables) {
      environment = Optional.of(Map.copyOf(variables));
      return this;
    }

    public Builder systemProperty(String name, String value) {
      properties.put(name, value);
      return this;
    }

    /** Its stderr to this file, instead of mixed into stdout (which is read only up to the ready line). */
    public Builder stderrTo(Path file) {
      stderr = Optional.of(file);
      return this;
    }

    /** The start of the line on stdout that says it holds what it was given. */
    public Builder readyWhen(String prefix) {
      ready = prefix;
      return this;
    }

    /** Starts it and returns once it prints the ready line; fails if it ends before. */
    public HolderProcess start(String... args) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
      properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
      command.add(main.getName());
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command);
      environment.ifPresent(variables -> {
        builder.environment().clear();
        builder.environment().putAll(variables);
      });
      if (stderr.isPresent()) {
        builder.redirectError(stderr.get().toFile());
      } else {
        builder.redirectErrorStream(true);
      }
      Process process = builder.start();
      BufferedReader output =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = output.readLine();
      } while (line != null && !line.startsWith(ready));
      if (line == null) {
        process.destroy();
        throw new IllegalStateException(main.getSimpleName() + " ended before it held anything");
      }
      return new HolderProcess(process, line);
    }
  }

  public long pid() {
    return process.pid();
  }

  /** The line it said it was ready with. */
  public String readyLine() {
    return readyLine;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, as an operator stops it; returns its exit code, or fails if it has not ended within {@code seconds}. */
  public int stop(long seconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException("PID " + pid() + " still runs " + seconds + " s after SIGTERM");
    }
    return process.exitValue();
  }

  /** SIGKILL, as a crash or the OOM killer ends it: nothing in it runs any more, no shutdown hook. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("PID " + pid() + " still runs 30 s after SIGKILL");
    }
  }

  /** Lets go: closes the helper's stdin and waits for it to end; one still running after 30 s is killed. */
  @Override
  public void close() throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
