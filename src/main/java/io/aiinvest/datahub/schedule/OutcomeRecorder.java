package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.ingest.IngestListener;
import io.aiinvest.datahub.ingest.IngestWorkflow;
import io.aiinvest.datahub.ingest.SymbolOutcome;

/**
 * Records each symbol of a unit of work in the job history as the ingest workflow finishes it, and sums what it
 * recorded. The workflow calls it from its own threads; {@link JobContext#record} is safe to call from any thread.
 */
final class OutcomeRecorder implements IngestListener {
  private final JobContext context;
  private JobCounts counts = JobCounts.ZERO;

  OutcomeRecorder(JobContext context) {
    this.context = context;
  }

  @Override
  public void symbolDone(SymbolOutcome outcome, int done, int total) {
    if (outcome.error().filter(IngestWorkflow.NOT_STARTED::equals).isPresent()) {
      return; // left pending: a stopped run did not start it
    }
    SymbolResult result = JobResults.of(outcome);
    context.record(result);
    synchronized (this) {
      counts = counts.plus(result.counts());
    }
  }

  synchronized JobCounts counts() {
    return counts;
  }
}
