package io.aiinvest.datahub.schedule;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Objects;

/**
 * How one worker runs: its name among the workers sharing a database, when each job fires, how work is cut and how
 * the underlying scheduler polls and detects dead workers.
 *
 * @param name this worker's name in the job store and the history ({@code picked_by}, {@code worker})
 * @param times the daily time of each job, by job name, in the schedule calendar's zone
 * @param threads units of work this worker runs at once
 * @param batchSize symbols per unit of work: the grain at which workers split a run
 * @param pollingInterval how often the worker looks for due work
 * @param heartbeatInterval how often the worker says it is alive for each unit of work it holds
 * @param missedHeartbeats after this many missed heartbeats another worker takes the unit of work over
 * @param shutdownWait how long a shutdown waits for the symbol in hand before interrupting it (it may wait twice)
 * @param runNow run the jobs once at start, in order, besides the schedule
 */
public record WorkerSettings(
    String name,
    Map<String, LocalTime> times,
    int threads,
    int batchSize,
    Duration pollingInterval,
    Duration heartbeatInterval,
    int missedHeartbeats,
    Duration shutdownWait,
    boolean runNow) {

  /**
   * A worker that queues work polls at once; the others see it at their next poll. Two seconds (db-scheduler's
   * default is ten) lets every worker join a run early, for the cost of one indexed query per poll.
   */
  public static final Duration POLLING_INTERVAL = Duration.ofSeconds(2);
  public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
  public static final int MISSED_HEARTBEATS = 4;
  /** Waited at most twice by the scheduler, which keeps a whole shutdown within 30 s (docs/worker.md). */
  public static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(8);

  public WorkerSettings {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("worker name is blank");
    }
    times = Map.copyOf(times);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    Objects.requireNonNull(pollingInterval, "pollingInterval");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    if (missedHeartbeats < 1) {
      throw new IllegalArgumentException("missed heartbeats must be >= 1, got " + missedHeartbeats);
    }
    Objects.requireNonNull(shutdownWait, "shutdownWait");
  }

  /** Production timings around the given schedule and work split. */
  public static WorkerSettings of(String name, Map<String, LocalTime> times, int threads, int batchSize,
      boolean runNow) {
    return new WorkerSettings(name, times, threads, batchSize, POLLING_INTERVAL, HEARTBEAT_INTERVAL,
        MISSED_HEARTBEATS, SHUTDOWN_WAIT, runNow);
  }
}
