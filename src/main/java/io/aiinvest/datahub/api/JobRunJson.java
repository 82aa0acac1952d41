package io.aiinvest.datahub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiinvest.datahub.schedule.JobCounts;
import io.aiinvest.datahub.schedule.JobRun;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A run of a daily job as {@code datahub jobs} prints it and {@code GET /jobs} serves it: one JSON object of
 * snake_case fields in {@link #FIELDS} order, times in UTC to the second. Defined once here, so the history read from
 * the database and the one read from a worker print the same.
 */
public final class JobRunJson {
  public static final List<String> FIELDS = List.of("id", "job", "trigger", "provider", "session", "started_at",
      "ended_at", "status", "symbols_ok", "symbols_failed", "bars_inserted", "bars_updated", "actions_inserted",
      "actions_revised", "findings", "error");

  private static final ObjectMapper JSON = new ObjectMapper();

  private JobRunJson() {}

  /** The runs as a JSON array, in the order given. */
  public static ArrayNode array(List<JobRun> runs) {
    ArrayNode array = JSON.createArrayNode();
    runs.forEach(run -> array.add(object(run)));
    return array;
  }

  static ObjectNode object(JobRun run) {
    JobCounts c = run.counts();
    ObjectNode node = JSON.createObjectNode();
    node.put("id", run.id());
    node.put("job", run.job());
    node.put("trigger", run.trigger().label());
    node.put("provider", run.provider().orElse(null));
    node.put("session", run.session().toString());
    node.put("started_at", seconds(run.startedAt()));
    node.put("ended_at", run.endedAt().map(JobRunJson::seconds).orElse(null));
    node.put("status", run.status().label());
    node.put("symbols_ok", c.symbolsOk());
    node.put("symbols_failed", c.symbolsFailed());
    node.put("bars_inserted", c.barsInserted());
    node.put("bars_updated", c.barsUpdated());
    node.put("actions_inserted", c.actionsInserted());
    node.put("actions_revised", c.actionsRevised());
    node.put("findings", c.findings());
    node.put("error", run.error().orElse(null));
    return node;
  }

  /**
   * A field of a run's object as a table cell: a whole number as {@code Long}, text as {@code String}, empty for
   * null or missing.
   */
  public static Optional<Object> cell(JsonNode run, String field) {
    JsonNode value = run.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(value.isIntegralNumber() ? (Object) value.longValue() : value.asText());
  }

  private static String seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
