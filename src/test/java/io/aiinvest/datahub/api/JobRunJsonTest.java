package io.aiinvest.datahub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiinvest.datahub.schedule.JobCounts;
import io.aiinvest.datahub.schedule.JobRun;
import io.aiinvest.datahub.schedule.JobStatus;
import io.aiinvest.datahub.schedule.JobTrigger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one JSON shape of a run, which datahub jobs prints and GET /jobs serves. */
class JobRunJsonTest {
  private static final JobRun FAILED = new JobRun(7, "ingest", JobTrigger.SCHEDULE, Optional.of("yahoo,stooq"),
      Instant.parse("2024-03-11T22:00:00Z"), LocalDate.parse("2024-03-11"),
      Instant.parse("2024-03-11T22:00:00.123456Z"), Optional.of(Instant.parse("2024-03-11T22:00:03.9Z")),
      JobStatus.FAILED, 2, new JobCounts(1, 1, 40, 2, 3, 4, 5), 1, List.of(),
      Optional.of("1 of 2 symbols failed: MSFT: yahoo: HTTP 500 after 3 attempts"));

  @Test
  void everyFieldInTheOrderTablesPrintThemTimesToTheSecond() {
    JsonNode run = JobRunJson.array(List.of(FAILED)).get(0);

    List<String> names = new ArrayList<>();
    run.fieldNames().forEachRemaining(names::add);
    assertThat(names).isEqualTo(JobRunJson.FIELDS);
    assertThat(run.toString()).isEqualTo("{\"id\":7,\"job\":\"ingest\",\"trigger\":\"schedule\","
        + "\"provider\":\"yahoo,stooq\",\"session\":\"2024-03-11\",\"started_at\":\"2024-03-11T22:00:00Z\","
        + "\"ended_at\":\"2024-03-11T22:00:03Z\",\"status\":\"failed\",\"symbols_ok\":1,\"symbols_failed\":1,"
        + "\"bars_inserted\":40,\"bars_updated\":2,\"actions_inserted\":3,\"actions_revised\":4,\"findings\":5,"
        + "\"error\":\"1 of 2 symbols failed: MSFT: yahoo: HTTP 500 after 3 attempts\"}");
  }

  @Test
  void cellsAreNumbersTextOrEmpty() {
    JsonNode run = JobRunJson.array(List.of(FAILED)).get(0);

    assertThat(JobRunJson.cell(run, "bars_inserted")).contains(40L);
    assertThat(JobRunJson.cell(run, "started_at")).contains("2024-03-11T22:00:00Z");
    assertThat(JobRunJson.cell(((ObjectNode) run.deepCopy()).putNull("provider"), "provider")).isEmpty();
    assertThat(JobRunJson.cell(run, "no_such_field")).isEmpty();
  }
}
