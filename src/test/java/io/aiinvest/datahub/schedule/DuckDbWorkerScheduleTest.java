package io.aiinvest.datahub.schedule;

/**
 * The daily schedule on an embedded DuckDB file's job store; the missed slot is made up once after the file is
 * closed and opened again, as by a restarted {@code serve}.
 */
class DuckDbWorkerScheduleTest extends WorkerScheduleTest {
  @Override
  WorkerHarness harness() {
    return WorkerHarness.duckDb();
  }
}
