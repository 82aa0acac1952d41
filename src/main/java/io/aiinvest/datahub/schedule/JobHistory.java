package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.Symbol;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The job history and the per-symbol work of each run, shared by every worker on one database. Every write is
 * idempotent or guarded by the row's state, so a worker that repeats a step after a crash changes nothing twice.
 */
public interface JobHistory {

  /**
   * Creates the run with one pending item per symbol, numbered into batches of {@code batchSize} in symbol order; if
   * the job already has a run for that slot (a planner repeated after a crash), returns that run unchanged.
   */
  JobRun plan(RunPlan plan, List<Symbol> symbols, int batchSize);

  /** The batches of the run that still hold pending symbols. */
  List<Integer> pendingBatches(long runId);

  /** The pending symbols of one batch, in symbol order. */
  List<Symbol> pendingSymbols(long runId, int batch);

  /**
   * Marks a pending symbol finished with its result; false (and nothing written) when it was no longer pending, so a
   * symbol's counts are kept exactly once however many workers got to it.
   */
  boolean record(long runId, SymbolResult result, String worker, Instant at);

  /** Marks a running run interrupted (counting the interruption once per stop) with the reason. */
  void interrupted(long runId, String reason, Instant at);

  /** Marks an interrupted run running again, when a worker takes up its remaining symbols. */
  void resumed(long runId);

  /**
   * Once the run has no pending symbol: finishes it (succeeded, or failed when a symbol failed, with the counts summed
   * from its symbols) unless that was already done, and returns it. Empty while symbols are pending.
   */
  Optional<JobRun> finishIfDone(long runId, Instant at);

  Optional<JobRun> findRun(long runId);

  /** Runs that are running or interrupted, oldest first. */
  List<JobRun> unfinished();

  /** The latest runs, newest first. */
  List<JobRun> latest(int limit);

  /** The latest run of each job that has one, ordered by job name. */
  List<JobRun> lastRunPerJob();
}
