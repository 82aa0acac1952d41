package io.aiinvest.datahub.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import io.aiinvest.datahub.calendar.TradingCalendar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.schedule.jdbc.JobDatabase;
import io.aiinvest.datahub.store.MarketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The always-on worker behind {@code datahub serve}: the daily jobs on db-scheduler's persistent job store (table
 * {@code market_data.scheduled_tasks}), shared by every worker on a PostgreSQL database; an embedded DuckDB file has
 * one worker ({@link JobDatabase}).
 *
 * <p>Each job is a recurring task on a {@link SessionSchedule}; when it fires, one worker plans the run and queues it
 * as batch tasks of symbols, which all workers pick from (db-scheduler picks with {@code SELECT … FOR UPDATE SKIP
 * LOCKED} on PostgreSQL, so each batch runs on one worker). A batch held by a worker that stops heart-beating is
 * handed to another; the one worker of an embedded file, restarted after a kill, takes it back as it starts
 * ({@link #startAlone}); a graceful stop finishes the symbol in hand and gives the rest of its batch back. See
 * docs/worker.md.
 */
public final class Worker implements AutoCloseable {
  static final String PLAN_TASK = "job-plan";
  static final String BATCH_TASK = "job-batch";
  /** How long a planning failure waits before it is tried again, and how many times, before the slot is skipped. */
  static final Duration PLAN_RETRY = Duration.ofMinutes(1);
  static final int PLAN_ATTEMPTS = 30;

  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  private final WorkerSettings settings;
  private final Clock clock;
  private final JobDatabase database;
  private final JobHistory history;
  private final List<String> jobOrder;
  private final Map<String, SessionSchedule> schedules;
  private final RunPlanner planner;
  private final Scheduler scheduler;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param database the job store and history: the store's own database
   * @param calendar whose sessions the jobs run on and in whose zone their times are
   * @param jobs the daily jobs, in the order a run-now runs them
   */
  public Worker(WorkerSettings settings, JobDatabase database, MarketStore store, TradingCalendar calendar,
      List<DailyJob> jobs, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.database = database;
    this.history = database.history();
    Map<String, DailyJob> byName = new LinkedHashMap<>();
    jobs.forEach(job -> {
      if (byName.put(job.name(), job) != null) {
        throw new DatahubException("two daily jobs are named '" + job.name() + "'");
      }
    });
    this.jobOrder = List.copyOf(byName.keySet());
    this.schedules = schedules(settings.times(), jobOrder, calendar);

    TaskDescriptor<PlanRequest> planDescriptor = TaskDescriptor.of(PLAN_TASK, PlanRequest.class);
    TaskDescriptor<BatchRef> batchDescriptor = TaskDescriptor.of(BATCH_TASK, BatchRef.class);
    this.planner = new RunPlanner(store, history, calendar, clock, settings.batchSize(),
        job -> Optional.ofNullable(byName.get(job)).flatMap(DailyJob::provider), planDescriptor, batchDescriptor);
    BatchRunner batches = new BatchRunner(byName, store, history, planner, clock, settings.name(), stopping::get);

    List<RecurringTask<Void>> daily = new ArrayList<>();
    schedules.forEach((job, schedule) -> daily.add(Tasks.recurring(dailyTask(job), schedule)
        .onFailure(new PlanningFailure(schedule))
        .onDeadExecution(Worker::revive)
        .execute((instance, execution) -> planScheduled(job, schedule, execution))));
    // The daily tasks join these through startTasks, which also schedules their first slot.
    List<Task<?>> tasks = new ArrayList<>();
    tasks.add(Tasks.custom(planDescriptor)
        .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(10)))
        .onDeadExecution(Worker::revive)
        .execute((instance, execution) -> {
          planner.plan(instance.getData(), execution.getSchedulerClient());
          return new CompletionHandler.OnCompleteRemove<>();
        }));
    tasks.add(Tasks.custom(batchDescriptor)
        .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(10)))
        .onDeadExecution(Worker::revive)
        .execute(batches::run));

    this.scheduler = database.configure(Scheduler.create(database.dataSource(), tasks))
        .startTasks(daily)
        .tableName(JobDatabase.TASK_TABLE)
        .serializer(new JacksonSerializer())
        .clock(clock::instant)
        .schedulerName(new SchedulerName.Fixed(settings.name()))
        .threads(settings.threads())
        .pollingInterval(settings.pollingInterval())
        .heartbeatInterval(settings.heartbeatInterval())
        .missedHeartbeatsLimit(settings.missedHeartbeats())
        .shutdownMaxWait(settings.shutdownWait())
        .enableImmediateExecution()
        .build();
  }

  private static Map<String, SessionSchedule> schedules(
      Map<String, LocalTime> times, List<String> jobs, TradingCalendar calendar) {
    Map<String, SessionSchedule> schedules = new LinkedHashMap<>();
    for (String job : jobs) {
      LocalTime time = times.get(job);
      if (time == null) {
        throw new DatahubException("no daily time configured for job '" + job + "'");
      }
      schedules.put(job, new SessionSchedule(calendar, time));
    }
    for (String job : times.keySet()) {
      if (!schedules.containsKey(job)) {
        throw new DatahubException("a daily time is configured for '" + job + "', which is not a job; jobs: "
            + String.join(", ", jobs));
      }
    }
    return schedules;
  }

  /**
   * Hands the work of a worker that stopped heart-beating to whichever worker polls next: due now by the scheduler's
   * clock. (db-scheduler's own revive handler reads the system time, not the injected clock.)
   */
  private static <T> void revive(ExecutionComplete complete, ExecutionOperations<T> operations) {
    LOG.warn("{} {} was held by worker {}, which stopped heart-beating; handing it to the next worker",
        complete.getExecution().getTaskName(), complete.getExecution().getId(), complete.getExecution().pickedBy);
    operations.reschedule(complete, complete.getTimeDone());
  }

  static String dailyTask(String job) {
    return "daily-" + job;
  }

  /**
   * Plans the run of a daily slot. A late execution (caught up after downtime, retried, or taken over from a dead
   * worker) still plans the run of the slot it belongs to, so it can never plan one slot twice.
   */
  private void planScheduled(String job, SessionSchedule schedule, ExecutionContext execution) {
    Instant due = execution.getExecution().executionTime;
    Instant slot = schedule.slotAtOrBefore(due).orElse(due);
    planner.plan(new PlanRequest(job, JobTrigger.SCHEDULE, slot, List.of()), execution.getSchedulerClient());
  }

  /**
   * Starts polling the job store. First it requeues the remaining work of runs left unfinished (a plan cut short by
   * a crash), and with {@link WorkerSettings#runNow()} it queues the jobs once, in order, besides the schedule. Work
   * another worker holds is left to it, or, once its heartbeat stops, to db-scheduler's dead-worker detection.
   */
  public void start() {
    start(Optional.empty());
  }

  /**
   * Starts as the one worker of an embedded database file, which the lock on the file proves: before polling, it takes
   * back what a previous process on the file left in hand when it ended without handing it back (killed, or the
   * machine stopped). Every picked unit of work is released, due at once, rather than waiting for the dead process's
   * heartbeat to be {@code missedHeartbeats × heartbeatInterval} old; every run still marked running is recorded as
   * interrupted (once more in its count of interruptions) and goes back to running when its next batch starts. Its
   * symbols already recorded are not done again, its pending ones are done once.
   */
  public void startAlone(InstanceLock lock) {
    start(Optional.of(lock));
  }

  private void start(Optional<InstanceLock> alone) {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("worker " + settings.name() + " already started");
    }
    alone.ifPresent(this::takeBackLeftWork);
    scheduler.start();
    for (JobRun run : history.unfinished()) {
      List<Integer> batches = planner.queueBatches(run, scheduler);
      if (batches.isEmpty()) {
        history.finishIfDone(run.id(), clock.instant()).ifPresent(finished -> planner.finished(finished, scheduler));
      }
    }
    if (settings.runNow() && !jobOrder.isEmpty()) {
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      planner.queuePlan(new PlanRequest(jobOrder.get(0), JobTrigger.RUN_NOW, now, jobOrder.subList(1,
          jobOrder.size())), scheduler);
      LOG.info("run-now: {} queued, in that order", String.join(", ", jobOrder));
    }
    StringBuilder next = new StringBuilder();
    nextRuns().forEach((job, at) -> next.append(next.length() == 0 ? "" : ", ").append(job).append(' ')
        .append(at.map(Instant::toString).orElse("not scheduled")));
    LOG.info("worker {} started: {} threads, batches of {} symbols; next runs: {}", settings.name(),
        settings.threads(), settings.batchSize(), next);
  }

  private void takeBackLeftWork(InstanceLock lock) {
    String previous = lock.previousHolder().map(holder -> "the previous worker (" + holder + ")")
        .orElse("the previous worker");
    for (JobDatabase.ReleasedPick pick : database.releasePicks(lock)) {
      LOG.warn("{} {} was left in hand by {}, which ended without handing it back; released, due now",
          pick.taskName(), pick.taskInstance(), pick.pickedBy().map(name -> "worker " + name).orElse(previous));
    }
    for (JobRun run : history.unfinished()) {
      if (run.status() == JobStatus.RUNNING) {
        String reason = previous + " ended in the middle of it without handing its work back (killed, or the machine"
            + " stopped); worker " + settings.name() + " resumes it";
        history.interrupted(run.id(), reason, clock.instant());
        LOG.warn("job={} run={} interrupted: {}", run.job(), run.id(), reason);
      }
    }
  }

  public String name() {
    return settings.name();
  }

  /** The job names, in run-now order. */
  public List<String> jobs() {
    return jobOrder;
  }

  /** When each job fires next, as the shared job store has it; empty for a job not yet scheduled. */
  public Map<String, Optional<Instant>> nextRuns() {
    Map<String, Optional<Instant>> next = new LinkedHashMap<>();
    for (String job : jobOrder) {
      next.put(job, scheduler.getScheduledExecution(TaskInstanceId.of(dailyTask(job), RecurringTask.INSTANCE))
          .map(ScheduledExecution::getExecutionTime));
    }
    return next;
  }

  /** Says the worker is stopping: units of work in progress end after the symbol in hand. Returns at once. */
  public void requestStop() {
    stopping.set(true);
  }

  /**
   * Stops taking work, lets each unit of work in progress finish its symbol in hand (interrupted after
   * {@link WorkerSettings#shutdownWait()}, in which case that symbol's write rolls back) and gives the rest back to
   * the job store, marking those runs interrupted. Returns once the scheduler has stopped.
   */
  @Override
  public void close() {
    requestStop();
    if (started.get() && closed.compareAndSet(false, true)) {
      LOG.info("worker {} stopping", settings.name());
      scheduler.stop();
      LOG.info("worker {} stopped", settings.name());
    }
  }

  /**
   * A plan that fails (database unreachable, say) is tried again a minute later, up to {@link #PLAN_ATTEMPTS} times,
   * then the slot is given up with an error and the job waits for its next slot.
   */
  private static final class PlanningFailure implements FailureHandler<Void> {
    private final SessionSchedule schedule;

    PlanningFailure(SessionSchedule schedule) {
      this.schedule = schedule;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<Void> operations) {
      int failures = complete.getExecution().consecutiveFailures + 1;
      Instant now = complete.getTimeDone();
      String task = complete.getExecution().taskInstance.getTaskName();
      String cause = complete.getCause().map(Throwable::getMessage).orElse("unknown");
      if (failures < PLAN_ATTEMPTS) {
        LOG.warn("{}: planning failed ({} of {} attempts), trying again in {}: {}", task, failures, PLAN_ATTEMPTS,
            PLAN_RETRY, cause);
        operations.reschedule(complete, now.plus(PLAN_RETRY));
      } else {
        Instant next = schedule.getNextExecutionTime(complete);
        LOG.error("{}: planning failed {} times, giving this slot up; next slot {}: {}", task, failures,
            next.equals(Schedule.NEVER) ? "none" : next, cause);
        operations.reschedule(complete, next);
      }
    }
  }
}
