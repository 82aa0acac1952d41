package io.aiinvest.datahub.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A run about to be planned.
 *
 * @param scheduledFor the slot it runs for; with the job, the run's identity
 * @param thenJobs the jobs to start, in order, once this run has finished
 */
public record RunPlan(
    String job, JobTrigger trigger, Instant scheduledFor, LocalDate session, Instant startedAt, List<String> thenJobs) {

  public RunPlan {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(scheduledFor, "scheduledFor");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(startedAt, "startedAt");
    thenJobs = List.copyOf(thenJobs);
  }
}
