package io.aiinvest.datahub.schedule;

import java.util.Optional;

/**
 * One of the worker's daily jobs (ingest, repair, corporate actions, quality). The worker decides when it runs and
 * which symbols each unit of work holds; the job only does the work for the symbols it is given and records each
 * symbol's result through the context as it finishes, so that a run stopped half-way resumes where it stopped.
 */
public interface DailyJob {
  /** The job's stable name: key of its schedule, its history rows and its scheduler task. */
  String name();

  /** The provider or provider chain it fetches from, for logs; empty for jobs that only read the store. */
  default Optional<String> provider() {
    return Optional.empty();
  }

  /**
   * Does the job for {@link JobContext#symbols()}, calling {@link JobContext#record} once per finished symbol and
   * returning early (without recording the rest) once {@link JobContext#stopRequested()}.
   *
   * @return the counts of the symbols it recorded
   */
  JobCounts run(JobContext context);
}
