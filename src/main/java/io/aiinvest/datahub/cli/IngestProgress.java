package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.ingest.IngestListener;
import io.aiinvest.datahub.ingest.SymbolOutcome;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of a long ingest run on stderr: a line with the rate and the estimated time left at most every
 * {@code every}, at once for a symbol that failed, and when the last symbol is done. Rate and ETA come from the
 * injected clock, so tests can move it.
 */
final class IngestProgress implements IngestListener {
  static final Duration DEFAULT_EVERY = Duration.ofSeconds(5);

  private final PrintWriter err;
  private final Clock clock;
  private final Duration every;
  private final long startMillis;
  private long lastPrintedMillis;
  private int failed;

  IngestProgress(PrintWriter err, Clock clock, Duration every) {
    this.err = err;
    this.clock = clock;
    this.every = every;
    this.startMillis = clock.millis();
    this.lastPrintedMillis = startMillis;
  }

  @Override
  public synchronized void symbolDone(SymbolOutcome outcome, int done, int total) {
    long now = clock.millis();
    if (!outcome.succeeded()) {
      failed++;
      err.printf("[%d/%d] %s FAILED: %s%n", done, total, outcome.symbol(), outcome.error().orElse(""));
    }
    if (done == total || now - lastPrintedMillis >= every.toMillis()) {
      err.println(line(done, total, now));
      lastPrintedMillis = now;
    }
    err.flush();
  }

  private String line(int done, int total, long now) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%d/%d]", done, total));
    long elapsed = now - startMillis;
    if (elapsed > 0) {
      double perSecond = done * 1000.0 / elapsed;
      line.append(String.format(Locale.ROOT, " %.1f symbols/s", perSecond));
      if (done < total) {
        line.append(", ETA ").append(duration(Duration.ofMillis(Math.round((total - done) * 1000.0 / perSecond))));
      } else {
        line.append(", done in ").append(duration(Duration.ofMillis(elapsed)));
      }
    }
    if (failed > 0) {
      line.append(", ").append(failed).append(" failed");
    }
    return line.toString();
  }

  /** {@code 1h02m03s}, {@code 2m05s} or {@code 7s}. */
  static String duration(Duration duration) {
    long seconds = Math.max(0, Math.round(duration.toMillis() / 1000.0));
    if (seconds >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }
    if (seconds >= 60) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return seconds + "s";
  }
}
