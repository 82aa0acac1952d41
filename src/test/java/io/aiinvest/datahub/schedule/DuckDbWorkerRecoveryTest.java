package io.aiinvest.datahub.schedule;

/**
 * Stopping and restarting the one worker of an embedded DuckDB file: the run resumes from the file.
 */
class DuckDbWorkerRecoveryTest extends WorkerRecoveryTest {
  @Override
  WorkerHarness harness() {
    return WorkerHarness.duckDb();
  }
}
