package io.aiinvest.datahub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.aiinvest.datahub.api.JobRunJson;
import io.aiinvest.datahub.api.WorkerClient;
import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.schedule.InstanceLock;
import io.aiinvest.datahub.schedule.jdbc.JobDatabase;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code datahub jobs}: the job history of the workers, from the database, or from the worker's {@code GET /jobs}
 * while a {@code datahub serve} holds the embedded file (DuckDB lets one process open it).
 */
@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Show the latest runs of the daily jobs, newest first: the provider chain a",
        "fetching job ran with, status (running, succeeded, failed, interrupted),",
        "symbols ok / failed, bars inserted / updated, corporate actions new /",
        "revised, quality findings and error. While a 'datahub serve' holds the",
        "embedded DuckDB file, the history comes from that worker's GET /jobs (said",
        "on stderr).",
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
    ArrayNode runs = fromWorker().orElseGet(() -> JobRunJson.array(JobDatabase.of(store()).history().latest(last)));
    if (runs.isEmpty() && format == OutputFormat.TABLE) {
      out().println("no job runs yet; 'datahub serve' runs the daily jobs");
      return 0;
    }
    Rows rows = new Rows(JobRunJson.FIELDS);
    for (JsonNode run : runs) {
      rows.add(JobRunJson.FIELDS.stream().map(field -> JobRunJson.cell(run, field)).toArray());
    }
    rows.print(out(), format);
    return 0;
  }

  /** The history as the worker holding the embedded file serves it; empty when no worker answering HTTP holds it. */
  private Optional<ArrayNode> fromWorker() {
    if (!(config().db() instanceof DbTarget.DuckDb embedded)) {
      return Optional.empty();
    }
    Optional<InstanceLock.Holder> holder = InstanceLock.holder(embedded.file());
    if (holder.isEmpty() || holder.get().http().isEmpty()) {
      return Optional.empty();
    }
    URI http = holder.get().http().get();
    WorkerClient worker = new WorkerClient(http);
    String from = "datahub serve (" + holder.get().worker() + ")";
    ArrayNode runs;
    try {
      runs = worker.jobs(last);
    } catch (DatahubException e) {
      throw new DatahubException("database file " + embedded.file() + " is in use by " + from + ", and its job"
          + " history did not come from " + http + " either: " + e.getMessage(), e);
    }
    err().println("jobs: from " + from + " at " + worker.jobsUri(last) + ", which holds " + embedded.file());
    err().flush();
    return Optional.of(runs);
  }
}
