package io.aiinvest.datahub.schedule;

/**
 * Run-now on an embedded DuckDB file: the four jobs once, in order, in the one worker of the file.
 */
class DuckDbRunNowTest extends RunNowTest {
  @Override
  WorkerHarness harness() {
    return WorkerHarness.duckDb();
  }
}
