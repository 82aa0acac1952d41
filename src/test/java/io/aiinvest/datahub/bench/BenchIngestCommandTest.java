package io.aiinvest.datahub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny {@code bench ingest} on DuckDB: it runs end to end and leaves nothing behind (not a timing test). */
class BenchIngestCommandTest {
  @TempDir Path directory;

  @Test
  void duckDbBenchmarkEndsWithTheRatioLineAndDeletesItsScratchFiles() throws Exception {
    Path file = directory.resolve("hub.duckdb");

    CliRun run = CliRun.run(Map.of("HOME", directory.toString()), "bench", "ingest", "--db", "duckdb:" + file,
        "--bars", "2000", "--symbols", "20");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("raw COPY from CSV into an unkeyed table:")
        .contains("hub fresh load:").contains("inserted 2,000, updated 0, unchanged 0")
        .contains("hub reload of unchanged rows:").contains("inserted 0, updated 0, unchanged 2,000");
    assertThat(run.out().strip().lines().reduce((a, b) -> b).orElseThrow())
        .matches("ratio_fresh=\\d+\\.\\d\\d ratio_reload=\\d+\\.\\d\\d");
    try (Stream<Path> left = Files.list(directory)) {
      assertThat(left).isEmpty();
    }
  }
}
