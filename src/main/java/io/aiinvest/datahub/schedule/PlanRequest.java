package io.aiinvest.datahub.schedule;

import java.time.Instant;
import java.util.List;

/**
 * The data of a {@code job-plan} task: plan a run of {@code job} for {@code scheduledFor}, then the jobs in
 * {@code thenJobs} once it has finished. Stored as JSON in {@code scheduled_tasks}.
 */
record PlanRequest(String job, JobTrigger trigger, Instant scheduledFor, List<String> thenJobs) {
  PlanRequest {
    thenJobs = List.copyOf(thenJobs);
  }

  /** The scheduler's id for the task: one per job and slot, so asking twice plans once. */
  String instanceId() {
    return job + "@" + scheduledFor;
  }
}
