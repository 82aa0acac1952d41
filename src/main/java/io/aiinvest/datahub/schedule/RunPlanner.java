package io.aiinvest.datahub.schedule;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerClient.ScheduleOptions;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import io.aiinvest.datahub.calendar.TradingCalendar;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.MarketStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns a due job into a run: records it with one pending item per active symbol, then queues one {@code job-batch}
 * task per batch of symbols for any worker to pick up. Every step is keyed (the run by job and slot, the tasks by run
 * and batch), so repeating a plan after a crash queues only what is missing.
 */
final class RunPlanner {
  private static final Logger LOG = LoggerFactory.getLogger(RunPlanner.class);

  private final MarketStore store;
  private final JobHistory history;
  private final TradingCalendar calendar;
  private final Clock clock;
  private final int batchSize;
  private final Function<String, Optional<String>> providers;
  private final TaskDescriptor<PlanRequest> planTask;
  private final TaskDescriptor<BatchRef> batchTask;

  /** @param providers each job's provider chain, as this worker runs it, for the run's history */
  RunPlanner(MarketStore store, JobHistory history, TradingCalendar calendar, Clock clock, int batchSize,
      Function<String, Optional<String>> providers, TaskDescriptor<PlanRequest> planTask,
      TaskDescriptor<BatchRef> batchTask) {
    this.store = store;
    this.history = history;
    this.calendar = calendar;
    this.clock = clock;
    this.batchSize = batchSize;
    this.providers = providers;
    this.planTask = planTask;
    this.batchTask = batchTask;
  }

  void plan(PlanRequest request, SchedulerClient client) {
    MDC.put("job", request.job());
    try {
      LocalDate session = calendar.lastCompletedSession(clock).date();
      List<Symbol> symbols = store.listSymbols(false).stream().map(SymbolInfo::symbol).toList();
      JobRun run = history.plan(
          new RunPlan(request.job(), request.trigger(), request.scheduledFor(), session, clock.instant(),
              request.thenJobs(), providers.apply(request.job())),
          symbols, batchSize);
      List<Integer> batches = queueBatches(run, client);
      LOG.info("job={} run={} planned ({} for {}): session {}, {} symbols in {} batches of up to {}", run.job(),
          run.id(), run.trigger().label(), run.scheduledFor(), run.session(), run.symbolsTotal(), batches.size(),
          batchSize);
      if (batches.isEmpty()) {
        history.finishIfDone(run.id(), clock.instant()).ifPresent(finished -> finished(finished, client));
      }
    } finally {
      MDC.remove("job");
    }
  }

  /**
   * Queues a batch task for every batch of the run that still has pending symbols. A batch whose task already exists
   * (waiting or being worked on) is left alone; one with no task left is the remainder of a plan cut short by a crash.
   */
  List<Integer> queueBatches(JobRun run, SchedulerClient client) {
    List<Integer> batches = history.pendingBatches(run.id());
    for (int batch : batches) {
      BatchRef ref = new BatchRef(run.id(), batch);
      client.schedule(batchTask.instance(ref.instanceId()).data(ref).build(), clock.instant(),
          ScheduleOptions.WHEN_EXISTS_DO_NOTHING);
    }
    return batches;
  }

  /**
   * Reports a finished run and, for a run-now sequence, plans the next job. Two workers finishing the last batches
   * of a run together may both get here; the next plan is keyed by job and slot, so it still happens once.
   */
  void finished(JobRun run, SchedulerClient client) {
    JobCounts c = run.counts();
    LOG.info("job={} run={} {}: {} symbols ok, {} failed; bars {} inserted, {} updated; actions {} new, {} revised;"
            + " {} findings{}", run.job(), run.id(), run.status().label(), c.symbolsOk(), c.symbolsFailed(),
        c.barsInserted(), c.barsUpdated(), c.actionsInserted(), c.actionsRevised(), c.findings(),
        run.error().map(e -> " (" + e + ")").orElse(""));
    if (!run.thenJobs().isEmpty()) {
      List<String> then = run.thenJobs();
      queuePlan(new PlanRequest(then.get(0), run.trigger(), run.scheduledFor(), then.subList(1, then.size())), client);
    }
  }

  void queuePlan(PlanRequest request, SchedulerClient client) {
    client.schedule(planTask.instance(request.instanceId()).data(request).build(), clock.instant(),
        ScheduleOptions.WHEN_EXISTS_DO_NOTHING);
  }
}
