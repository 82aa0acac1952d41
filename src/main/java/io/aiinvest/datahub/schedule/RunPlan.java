package io.aiinvest.datahub.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A run about to be planned.
 *
 * @param scheduledFor the slot it runs for; with the job, the run's identity
 * @param thenJobs the jobs to start, in order, once this run has finished
 * @param provider the provider chain the job fetches from, e.g. {@code yahoo,stooq}; empty for a job that only reads
 *     the store
 */
public record RunPlan(
    String job,
    JobTrigger trigger,
    Instant scheduledFor,
    LocalDate session,
    Instant startedAt,
    List<String> thenJobs,
    Optional<String> provider) {

  public RunPlan {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(scheduledFor, "scheduledFor");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(startedAt, "startedAt");
    thenJobs = List.copyOf(thenJobs);
    Objects.requireNonNull(provider, "provider");
  }
}
