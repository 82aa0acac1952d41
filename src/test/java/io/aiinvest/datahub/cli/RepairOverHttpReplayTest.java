package io.aiinvest.datahub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.testing.LoopbackServer;
import io.aiinvest.datahub.provider.testing.LoopbackServer.Reply;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.SettableClock;
import io.aiinvest.datahub.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Repair through the Yahoo provider built by the registry, against a loopback server replaying Yahoo's recorded
 * answer for AAPL's 2020 (fixtures/yahoo): the HTTP path, the split-adjusted to as-traded conversion with the
 * August 2020 4:1 split known only from the store, and the one request a run of missing sessions costs.
 */
class RepairOverHttpReplayTest {
  private static final String CHART = "/v8/finance/chart/AAPL";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScratchDatabase database;
  private LoopbackServer yahoo;
  private final SettableClock clock = new SettableClock(Instant.parse("2020-12-31T23:00:00Z"));
  private StringWriter out;

  @BeforeEach
  void start() {
    database = TestPostgres.scratch();
    yahoo = LoopbackServer.start();
    yahoo.on(CHART, Reply.fixture("yahoo/historicalv8-AAPL-2020-01-01-to-2021-01-04.body.json"));
  }

  @AfterEach
  void stop() {
    yahoo.close();
    database.close();
  }

  private int run(String... args) {
    Map<String, String> env = new HashMap<>(TestPostgres.env(database));
    env.put("YAHOO_BASE_URL", yahoo.baseUrl().toString());
    env.put("YAHOO_COOKIE_URL", yahoo.baseUrl() + "/cookie");
    env.put("YAHOO_CRUMB_BASE_URL", yahoo.baseUrl().toString());
    out = new StringWriter();
    CommandLine cli = DatahubCommand.commandLine(env, clock);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  @Test
  void missingJulySessionsAreRefetchedInOneRequestAndStoredAsTraded() throws Exception {
    assertThat(run("add-symbol", "AAPL", "--exchange", "NASDAQ")).isZero();
    assertThat(run("ingest", "AAPL", "--provider", "yahoo", "--from", "2020-01-01", "--to", "2020-06-30")).isZero();
    assertThat(run("ingest", "AAPL", "--provider", "yahoo", "--from", "2020-07-10", "--to", "2020-12-31")).isZero();
    int requestsBefore = yahoo.requests(CHART).size();

    assertThat(run("repair", "AAPL", "--provider", "yahoo", "--lookback-days", "365", "--format", "json")).isZero();

    JsonNode outcome = JSON.readTree(out.toString()).get(0);
    assertThat(outcome.path("status").asText()).isEqualTo("filled");
    assertThat(outcome.path("calendar").asText()).isEqualTo("XNYS");
    assertThat(outcome.path("filled").toString()).isEqualTo(
        "[\"2020-07-01\",\"2020-07-02\",\"2020-07-06\",\"2020-07-07\",\"2020-07-08\",\"2020-07-09\"]");
    assertThat(outcome.path("still_missing").toString()).isEqualTo("[]");
    assertThat(yahoo.requests(CHART)).hasSize(requestsBefore + 1);
    assertThat(yahoo.requests(CHART).get(requestsBefore).query())
        .containsEntry("period1", String.valueOf(Instant.parse("2020-06-30T00:00:00Z").getEpochSecond()))
        .containsEntry("period2", String.valueOf(Instant.parse("2020-07-10T00:00:00Z").getEpochSecond()));
    try (PostgresMarketStore store = PostgresMarketStore.open(database.target(), TestPostgres.config(database))) {
      assertThat(store.countBars(Optional.of(Symbol.of("AAPL")))).isEqualTo(253);
      DailyBar july1 = store.bars(Symbol.of("AAPL"), DateRange.of(LocalDate.of(2020, 7, 1), LocalDate.of(2020, 7,
          1))).get(0);
      // Yahoo sent 91.02749633789062 split-adjusted; before the 4:1 split of 2020-08-31 the stock traded at four times
      // that, 364.10998535156248 (multiplied before rounding: the rounded 91.027496 x 4 would be 364.109984).
      assertThat(july1.close()).isEqualByComparingTo(new BigDecimal("364.109985"));
      assertThat(july1.volume()).isEqualTo(27_684_300L);
      assertThat(store.revisions(Symbol.of("AAPL"), DateRange.ALL)).isEmpty();
    }
  }
}
