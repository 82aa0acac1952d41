package io.aiinvest.datahub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.CliRun;
import io.aiinvest.datahub.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** A tiny run of the benchmark: it must work end to end and end with its result line; its figures mean nothing. */
class BenchProvidersCommandTest {
  @Test
  void smallRunIngestsEverySymbolAndEndsWithTheOverheadLine() {
    try (ScratchDatabase database = TestPostgres.scratch()) {
      CliRun bench = CliRun.run(TestPostgres.env(database), "bench", "providers", "--symbols", "5", "--days", "10",
          "--latency-ms", "1", "--concurrency", "2", "--rounds", "1");

      assertThat(bench.exitCode()).as(bench.out() + bench.err()).isZero();
      assertThat(bench.out()).contains("warm-up round (cold): 5 symbols").contains("round 1 (warm): 5 symbols")
          .doesNotContain("FAILED");
      String[] lines = bench.out().strip().split("\n");
      assertThat(lines[lines.length - 1]).matches("overhead=-?\\d+\\.\\d{3}");
    }
  }
}
