package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.DatahubException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Answers health checks, and reads of the job history, for one worker. The database is asked on a thread of its own
 * with a time limit, because a pool waits up to its connection timeout for a server that does not answer and a health
 * check must not. A check that comes while an earlier probe is still waiting waits on that probe rather than starting
 * another, and a history read finding the read threads all waiting is refused at once, so a dead server never piles up
 * threads.
 */
public final class WorkerHealth implements AutoCloseable {
  public static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final DataSource dataSource;
  private final String database;
  private final JobHistory history;
  private final Worker worker;
  private final Clock clock;
  private final Duration timeout;
  private final ExecutorService probes = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "datahub-health-probe");
    thread.setDaemon(true);
    return thread;
  });
  /** Two reads at once, each on its own thread; a third while both wait on the database is refused. */
  private final ExecutorService reads = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
      new SynchronousQueue<>(), runnable -> {
        Thread thread = new Thread(runnable, "datahub-history-read");
        thread.setDaemon(true);
        return thread;
      });
  private Future<Snapshot> inFlight;
  private Snapshot lastGood;

  /** @param database where the data lives, safe to print */
  public WorkerHealth(DataSource dataSource, String database, JobHistory history, Worker worker, Clock clock,
      Duration timeout) {
    this.dataSource = dataSource;
    this.database = database;
    this.history = history;
    this.worker = worker;
    this.clock = clock;
    this.timeout = timeout;
  }

  private record Snapshot(Instant at, List<HealthReport.JobHealth> jobs) {}

  public synchronized HealthReport check() {
    Instant now = clock.instant();
    Optional<String> error = Optional.empty();
    if (inFlight == null || inFlight.isDone()) {
      inFlight = probes.submit(this::probe);
    }
    try {
      lastGood = inFlight.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      error = Optional.of("no answer within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      error = Optional.of(cause instanceof DatahubException || cause instanceof SQLException
          ? firstLine(cause.getMessage()) : String.valueOf(cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = Optional.of("interrupted while waiting for the database");
    }
    Optional<Snapshot> jobs = Optional.ofNullable(lastGood);
    return new HealthReport(worker.name(), now, database, error, jobs.map(Snapshot::at),
        jobs.map(Snapshot::jobs).orElse(List.of()));
  }

  /**
   * The latest {@code last} runs of the history, newest first ({@code GET /jobs}).
   *
   * @throws DatahubException when the database fails, has not answered within the time limit (the read goes on in
   *     the background), or is still keeping the earlier reads waiting
   */
  public List<JobRun> latestRuns(int last) {
    Future<List<JobRun>> read;
    try {
      read = reads.submit(() -> history.latest(last));
    } catch (RejectedExecutionException e) {
      throw new DatahubException("earlier reads of the job history are still waiting for the database");
    }
    try {
      return read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new DatahubException("no answer from the database within " + timeout.toSeconds() + " s", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof DatahubException known ? known : new DatahubException("unexpected " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatahubException("interrupted while waiting for the database", e);
    }
  }

  private Snapshot probe() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isValid((int) Math.max(1, timeout.toSeconds()))) {
        throw new SQLException("the connection did not validate");
      }
    }
    Map<String, JobRun> last = history.lastRunPerJob().stream()
        .collect(Collectors.toMap(JobRun::job, Function.identity()));
    Map<String, Optional<Instant>> next = worker.nextRuns();
    List<HealthReport.JobHealth> jobs = new ArrayList<>();
    for (String job : worker.jobs()) {
      jobs.add(new HealthReport.JobHealth(job, Optional.ofNullable(last.get(job)), next.get(job)));
    }
    return new Snapshot(clock.instant(), jobs);
  }

  private static String firstLine(String message) {
    return message == null ? "unknown error" : message.lines().findFirst().orElse(message);
  }

  @Override
  public void close() {
    probes.shutdownNow();
    reads.shutdownNow();
  }
}
