package io.aiinvest.datahub.schedule;

/** The data of a {@code job-batch} task: one unit of work, a batch of a run's symbols. Stored as JSON. */
record BatchRef(long runId, int batch) {
  String instanceId() {
    return "run-" + runId + "-batch-" + batch;
  }
}
