package io.aiinvest.datahub.schedule;

import java.util.Locale;

/** Where a job run stands. */
public enum JobStatus {
  /** Work is planned or in progress. */
  RUNNING,
  /** Every symbol finished without error. */
  SUCCEEDED,
  /** Finished, but at least one symbol failed; the run's error names the first few. */
  FAILED,
  /** A shutdown stopped it with symbols left; the next worker to start resumes it and it becomes running again. */
  INTERRUPTED;

  /** The word stored in {@code job_runs.status} and printed by {@code datahub jobs}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobStatus fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
