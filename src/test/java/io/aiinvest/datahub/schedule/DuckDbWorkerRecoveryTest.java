package io.aiinvest.datahub.schedule;

/**
 * Stopping, killing and restarting the one worker of an embedded DuckDB file: the run resumes from the file, at once
 * after a kill (the restarted worker holds the file's lock, so what the dead one had picked is released at start).
 */
class DuckDbWorkerRecoveryTest extends WorkerRecoveryTest {
  @Override
  WorkerHarness harness() {
    return WorkerHarness.duckDb();
  }
}
