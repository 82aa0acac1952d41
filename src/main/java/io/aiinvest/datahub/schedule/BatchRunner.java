package io.aiinvest.datahub.schedule;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.MarketStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Works one {@code job-batch} task: hands the batch's pending symbols to the job, and afterwards either removes the
 * task (every symbol recorded) or, when a shutdown cut the batch short, marks the run interrupted and gives the task
 * back to the job store, due at once, for the next worker. The worker that records a run's last symbol finishes it.
 */
final class BatchRunner {
  private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

  private final Map<String, DailyJob> jobs;
  private final MarketStore store;
  private final JobHistory history;
  private final RunPlanner planner;
  private final Clock clock;
  private final String worker;
  private final BooleanSupplier stopping;

  BatchRunner(Map<String, DailyJob> jobs, MarketStore store, JobHistory history, RunPlanner planner, Clock clock,
      String worker, BooleanSupplier stopping) {
    this.jobs = Map.copyOf(jobs);
    this.store = store;
    this.history = history;
    this.planner = planner;
    this.clock = clock;
    this.worker = worker;
    this.stopping = stopping;
  }

  CompletionHandler<BatchRef> run(TaskInstance<BatchRef> instance, ExecutionContext execution) {
    BatchRef ref = instance.getData();
    BooleanSupplier stopRequested =
        () -> stopping.getAsBoolean() || execution.getSchedulerState().isShuttingDown();
    Optional<JobRun> found = history.findRun(ref.runId());
    if (found.isEmpty()) {
      LOG.warn("run={} no longer exists; dropping its batch {}", ref.runId(), ref.batch());
      return new CompletionHandler.OnCompleteRemove<>();
    }
    JobRun run = found.get();
    DailyJob job = jobs.get(run.job());
    if (job == null) {
      // Left for a worker that knows the job; the task is retried with backoff meanwhile.
      throw new DatahubException("worker " + worker + " has no job named '" + run.job() + "' (run " + run.id() + ")");
    }
    MDC.put("job", job.name());
    MDC.put("run", Long.toString(run.id()));
    job.provider().ifPresent(provider -> MDC.put("provider", provider));
    try {
      if (stopRequested.getAsBoolean()) {
        return release(run, ref, history.pendingSymbols(run.id(), ref.batch()).size());
      }
      List<Symbol> pending = history.pendingSymbols(run.id(), ref.batch());
      if (!pending.isEmpty()) {
        history.resumed(run.id());
        List<Symbol> left = work(job, run, ref, pending, stopRequested);
        if (!left.isEmpty()) {
          return release(run, ref, left.size());
        }
      }
      history.finishIfDone(run.id(), clock.instant())
          .ifPresent(finished -> planner.finished(finished, execution.getSchedulerClient()));
      return new CompletionHandler.OnCompleteRemove<>();
    } finally {
      MDC.remove("job");
      MDC.remove("run");
      MDC.remove("provider");
    }
  }

  /** Runs the job over the pending symbols; returns those a shutdown left unrecorded. */
  private List<Symbol> work(DailyJob job, JobRun run, BatchRef ref, List<Symbol> pending,
      BooleanSupplier stopRequested) {
    List<SymbolInfo> symbols = new ArrayList<>();
    List<Symbol> vanished = new ArrayList<>();
    for (Symbol symbol : pending) {
      store.findSymbol(symbol).ifPresentOrElse(symbols::add, () -> vanished.add(symbol));
    }
    String label = "job=" + job.name() + " run=" + run.id() + job.provider().map(p -> " provider=" + p).orElse("");
    BatchContext context = new BatchContext(run, symbols, clock, stopRequested, history, worker, label);
    vanished.forEach(symbol -> context.recordVanished(symbol));
    LOG.debug("{} batch={}: {} symbols", label, ref.batch(), symbols.size());
    try {
      job.run(context);
    } catch (RuntimeException e) {
      String error = e instanceof DatahubException ? e.getMessage() : "unexpected " + e;
      LOG.error("{} batch={} stopped: {}", label, ref.batch(), error, e);
      context.unsettled().forEach(symbol -> context.record(SymbolResult.failed(symbol, error)));
    }
    if (stopRequested.getAsBoolean()) {
      return context.unsettled();
    }
    // A job must record every symbol it is given; one it skipped would keep the run open for ever.
    context.unsettled().forEach(
        symbol -> context.record(SymbolResult.failed(symbol, job.name() + " returned without a result for it")));
    return List.of();
  }

  private CompletionHandler<BatchRef> release(JobRun run, BatchRef ref, int left) {
    String reason = "stopped by the shutdown of worker " + worker + " with " + left + " symbols of batch "
        + ref.batch() + " left; the next worker to start resumes them";
    history.interrupted(run.id(), reason, clock.instant());
    LOG.info("job={} run={} interrupted: {}", run.job(), run.id(), reason);
    return (complete, operations) -> operations.reschedule(complete, clock.instant());
  }
}
