package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.schedule.JobCounts;
import io.aiinvest.datahub.schedule.JobRun;
import io.aiinvest.datahub.schedule.jdbc.JobDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code datahub jobs}: the job history of the workers. */
@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Show the latest runs of the daily jobs, newest first: the provider chain a",
        "fetching job ran with, status (running, succeeded, failed, interrupted),",
        "symbols ok / failed, bars inserted / updated, corporate actions new /",
        "revised, quality findings and error. On the embedded DuckDB file, run it",
        "while no 'datahub serve' holds the file (GET /health shows the last runs).",
        "",
        "Examples:",
        "  datahub jobs",
        "  datahub jobs --last 100 --format json"
    })
final class JobsCommand extends HubSubcommand implements Callable<Integer> {
  @Option(names = "--last", paramLabel = "N", defaultValue = "20", description = "How many runs (default:"
      + " ${DEFAULT-VALUE}).")
  int last;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() {
    if (last < 1) {
      throw new DatahubException("--last must be >= 1, got " + last);
    }
    if (format == OutputFormat.CSV) {
      throw new DatahubException("--format must be table or json");
    }
    List<JobRun> runs = JobDatabase.of(store()).history().latest(last);
    if (runs.isEmpty() && format == OutputFormat.TABLE) {
      out().println("no job runs yet; 'datahub serve' runs the daily jobs");
      return 0;
    }
    Rows rows = new Rows(List.of("id", "job", "trigger", "provider", "session", "started_at", "ended_at", "status",
        "symbols_ok", "symbols_failed", "bars_inserted", "bars_updated", "actions_inserted", "actions_revised",
        "findings", "error"));
    for (JobRun run : runs) {
      JobCounts c = run.counts();
      rows.add(run.id(), run.job(), run.trigger().label(), run.provider(), run.session().toString(),
          seconds(run.startedAt()), run.endedAt().map(JobsCommand::seconds), run.status().label(), c.symbolsOk(),
          c.symbolsFailed(), c.barsInserted(), c.barsUpdated(), c.actionsInserted(), c.actionsRevised(), c.findings(),
          run.error());
    }
    rows.print(out(), format);
    return 0;
  }

  private static String seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
