package io.aiinvest.datahub.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a daily job as its history row keeps it.
 *
 * @param provider the provider chain a fetching job ran with (as the worker that planned it was configured); empty for
 *     a job that only reads the store, and for runs recorded before the history kept it
 * @param scheduledFor the slot it ran for (the start instant for a run-now run); with the job, its identity
 * @param session the session the run was about
 * @param endedAt when it finished or was interrupted; empty while running
 * @param symbolsTotal the symbols planned; the counts say how many of them finished
 * @param interruptions how many times a shutdown stopped it before it finished, or (on an embedded file) the next
 *     worker found it left running by a killed one
 * @param thenJobs the jobs a run-now sequence starts after this one
 * @param error why it failed or was interrupted
 */
public record JobRun(
    long id,
    String job,
    JobTrigger trigger,
    Optional<String> provider,
    Instant scheduledFor,
    LocalDate session,
    Instant startedAt,
    Optional<Instant> endedAt,
    JobStatus status,
    int symbolsTotal,
    JobCounts counts,
    int interruptions,
    List<String> thenJobs,
    Optional<String> error) {

  public JobRun {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(scheduledFor, "scheduledFor");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(counts, "counts");
    thenJobs = List.copyOf(thenJobs);
    Objects.requireNonNull(error, "error");
  }

  public boolean finished() {
    return status == JobStatus.SUCCEEDED || status == JobStatus.FAILED;
  }
}
