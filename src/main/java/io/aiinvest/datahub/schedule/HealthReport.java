package io.aiinvest.datahub.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /health} answers: whether the database answers, and each job's last run and next slot.
 *
 * @param databaseError why the database did not answer; empty when it did
 * @param jobsAsOf when the job states were read: the last time the database answered
 */
public record HealthReport(
    String worker,
    Instant checkedAt,
    String database,
    Optional<String> databaseError,
    Optional<Instant> jobsAsOf,
    List<JobHealth> jobs) {

  public HealthReport {
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(checkedAt, "checkedAt");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(databaseError, "databaseError");
    Objects.requireNonNull(jobsAsOf, "jobsAsOf");
    jobs = List.copyOf(jobs);
  }

  public boolean databaseReachable() {
    return databaseError.isEmpty();
  }

  /** One job's state. */
  public record JobHealth(String job, Optional<JobRun> lastRun, Optional<Instant> nextRun) {
    public JobHealth {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(lastRun, "lastRun");
      Objects.requireNonNull(nextRun, "nextRun");
    }
  }
}
