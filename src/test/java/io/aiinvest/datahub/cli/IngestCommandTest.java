package io.aiinvest.datahub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.ingest.IngestWorkflow;
import io.aiinvest.datahub.provider.testing.LoopbackServer;
import io.aiinvest.datahub.provider.testing.LoopbackServer.Recorded;
import io.aiinvest.datahub.provider.testing.LoopbackServer.Reply;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.CliRun;
import io.aiinvest.datahub.testing.LogCapture;
import io.aiinvest.datahub.testing.SampleHistory;
import io.aiinvest.datahub.testing.TestPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest} and {@code add-symbol --lookup} end to end: the real command line and PostgreSQL, Yahoo and Stooq
 * pointed at a loopback server replaying recorded responses, and a fixed clock as "now".
 */
class IngestCommandTest {
  private static final String CHART = "/v8/finance/chart/";
  private static final String AAPL_2020 = "yahoo/historicalv8-AAPL-2020-01-01-to-2021-01-04.body.json";
  private static final String AMZN_2020 = "yahoo/historicalv8-AMZN-2020-01-01-to-2021-01-04.body.json";
  /** Monday 2021-01-04 after the close: the last completed session is that day. */
  private static final Clock AFTER_CLOSE_2021_01_04 = at("2021-01-04T23:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScratchDatabase database;
  private LoopbackServer server;
  private Map<String, String> env;

  @BeforeEach
  void start() {
    database = TestPostgres.scratch();
    server = LoopbackServer.start();
    env = new HashMap<>(TestPostgres.env(database));
    for (String provider : List.of("YAHOO", "STOOQ")) {
      env.put(provider + "_BASE_URL", server.baseUrl().toString());
      env.put(provider + "_RATE_LIMIT_PER_MIN", "6000000");
      env.put(provider + "_MAX_RETRIES", "0");
    }
    env.put("YAHOO_COOKIE_URL", server.baseUrl() + "/cookie");
  }

  @AfterEach
  void stop() {
    server.close();
    database.close();
  }

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  private CliRun run(Clock clock, String... args) {
    return CliRun.run(env, clock, args);
  }

  private static long epoch(String instant) {
    return Instant.parse(instant).getEpochSecond();
  }

  /** A recorded split-adjusted price times the split ratio, at the store's six decimals. */
  private static BigDecimal asTraded(String recorded, int ratio) {
    return new BigDecimal(recorded).multiply(BigDecimal.valueOf(ratio)).setScale(6, RoundingMode.HALF_EVEN);
  }

  private JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  private JsonNode bars(String symbol, String from, String to) throws IOException {
    return json(run(AFTER_CLOSE_2021_01_04, "bars", symbol, "--from", from, "--to", to, "--format", "json").out());
  }

  /** A Yahoo chart body for New York sessions opening at the given instants, each with the same prices. */
  private static String chart(String... opens) {
    StringBuilder timestamps = new StringBuilder();
    StringBuilder prices = new StringBuilder();
    StringBuilder volumes = new StringBuilder();
    for (String open : opens) {
      String separator = timestamps.length() == 0 ? "" : ",";
      timestamps.append(separator).append(epoch(open));
      prices.append(separator).append("130.5");
      volumes.append(separator).append("1000");
    }
    return "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"symbol\":\"AAPL\",\"exchangeName\":\"NMS\","
        + "\"exchangeTimezoneName\":\"America/New_York\"},\"timestamp\":[" + timestamps + "],\"indicators\":{"
        + "\"quote\":[{\"open\":[" + prices + "],\"high\":[" + prices + "],\"low\":[" + prices + "],\"close\":["
        + prices + "],\"volume\":[" + volumes + "]}]}}],\"error\":null}}";
  }

  @Test
  void backfillStoresYahooBarsAsTradedUndoingTheSplitInsideTheResponse() throws IOException {
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL", "--exchange", "NASDAQ");
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AMZN", "--exchange", "NASDAQ");
    server.on(CHART + "AAPL", Reply.fixture(AAPL_2020)).on(CHART + "AMZN", Reply.fixture(AMZN_2020));

    CliRun ingest = run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL", "AMZN", "--from", "2020-01-01", "--format", "json");

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    JsonNode report = json(ingest.out());
    assertThat(report.get(0).get("symbol").asText()).isEqualTo("AAPL");
    assertThat(report.get(0).get("status").asText()).isEqualTo("ok");
    assertThat(report.get(0).get("provider").asText()).isEqualTo("yahoo");
    assertThat(report.get(0).get("from").asText()).isEqualTo("2020-01-01");
    assertThat(report.get(0).get("to").asText()).isEqualTo("2021-01-04");
    assertThat(report.get(0).get("inserted").asLong()).isEqualTo(253);
    assertThat(report.get(0).get("actions_new").asLong()).isEqualTo(5);
    assertThat(report.get(1).get("inserted").asLong()).isEqualTo(253);
    // Recorded 2021-11 after the 2020-08-31 4:1 split: the pre-split close comes back times four, as traded (the
    // recorded close is 124.80750274658203; the store keeps six decimals).
    JsonNode aapl = bars("AAPL", "2020-08-28", "2020-08-31");
    assertThat(aapl.get(0).get("close").decimalValue()).isEqualByComparingTo(asTraded("124.80750274658203", 4));
    assertThat(aapl.get(0).get("volume").asLong()).isEqualTo(187_630_000L / 4);
    assertThat(aapl.get(0).get("source").asText()).isEqualTo("yahoo");
    assertThat(aapl.get(1).get("close").decimalValue()).isEqualByComparingTo("129.039993");
    // AMZN recorded before its 2022 split is as traded already.
    assertThat(bars("AMZN", "2020-01-02", "2020-01-02").get(0).get("close").decimalValue())
        .isEqualByComparingTo("1898.010010");
    assertThat(ingest.err()).contains("[2/2]");
  }

  @Test
  void requestRunsToTodaySoThatSplitsAfterTheWindowAreKnown() throws IOException {
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL");
    server.on(CHART + "AAPL", Reply.fixture(AAPL_2020));

    CliRun ingest = run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL", "--from", "2020-08-01", "--to", "2020-08-28");

    assertThat(ingest.exitCode()).as(ingest.out()).isZero();
    assertThat(server.requests().get(0).query().get("period2"))
        .isEqualTo(String.valueOf(epoch("2021-01-05T00:00:00Z")));
    JsonNode stored = bars("AAPL", "2020-01-01", "2020-12-31");
    assertThat(stored).hasSize(20);
    assertThat(stored.get(19).get("date").asText()).isEqualTo("2020-08-28");
    assertThat(stored.get(19).get("close").decimalValue()).isEqualByComparingTo(asTraded("124.80750274658203", 4));
  }

  @Test
  void fallsBackToTheNextProviderWhenTheFirstFails() throws IOException {
    env.put("POLYGON_BASE_URL", server.baseUrl().toString());
    env.put("POLYGON_API_KEY", "test-key");
    env.put("POLYGON_RATE_LIMIT_PER_MIN", "6000000");
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL");
    // Polygon's session timestamps are midnight New York, in milliseconds: 2021-01-04.
    server.on(CHART + "AAPL", Reply.status(500))
        .on("/v2/aggs/ticker/AAPL/", Reply.json("{\"adjusted\":false,\"results\":[{\"v\":100,\"o\":42.0,"
            + "\"c\":42.5,\"h\":43.0,\"l\":41.5,\"t\":1609736400000}],\"status\":\"OK\"}"))
        .on("/v3/reference/", Reply.json("{\"results\":[],\"status\":\"OK\"}"));

    CliRun ingest = run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL", "--provider", "yahoo,polygon", "--from",
        "2021-01-04");

    assertThat(ingest.exitCode()).as(ingest.out()).isZero();
    assertThat(ingest.out()).contains("AAPL: fetched from polygon after yahoo UNAVAILABLE")
        .contains("1 symbols (0 failed): 1 inserted");
    JsonNode stored = bars("AAPL", "2021-01-01", "2021-01-31");
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).get("source").asText()).isEqualTo("polygon");
    assertThat(stored.get(0).get("close").decimalValue()).isEqualByComparingTo("42.5");
  }

  @Test
  void dividendAdjustedBarsCountAsAFailureAndTheNextProviderIsTried() throws IOException {
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL");
    server.on("/q/d/l/", Reply.fixture("stooq/spy_us_d.csv")).on(CHART + "AAPL", Reply.fixture(AAPL_2020));

    CliRun ingest = run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL", "--provider", "stooq,yahoo", "--from",
        "2020-01-01");

    assertThat(ingest.exitCode()).as(ingest.out()).isZero();
    assertThat(ingest.out()).contains("AAPL: fetched from yahoo after stooq BAD_RESPONSE")
        .contains("dividend-adjusted prices cannot be stored as traded");
    assertThat(bars("AAPL", "2020-01-01", "2020-12-31").get(0).get("source").asText()).isEqualTo("yahoo");
  }

  @Test
  void oneFailingSymbolDoesNotStopTheOthersAndTheRunExitsOne() throws IOException {
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL");
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "SI");
    server.on(CHART + "AAPL", Reply.fixture(AAPL_2020))
        .on(CHART + "SI", Reply.fixture(404, "yahoo/historical-via-chart-SI-2020-01-01-to-2020-01-03.body.json"));

    CliRun ingest = run(AFTER_CLOSE_2021_01_04, "ingest", "SI", "AAPL", "--from", "2020-01-01");

    assertThat(ingest.exitCode()).isEqualTo(1);
    assertThat(ingest.out())
        .contains("SI failed: yahoo UNKNOWN_SYMBOL")
        .contains("No data found, symbol may be delisted")
        .contains("2 symbols (1 failed): 253 inserted");
    assertThat(ingest.err()).contains("SI FAILED").contains("[2/2]");
    assertThat(bars("AAPL", "2020-01-01", "2020-12-31")).hasSize(253);
  }

  @Test
  void incrementalRunFetchesFromTheDayAfterTheLastStoredBar() throws IOException {
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL");
    server.on(CHART + "AAPL", Reply.fixture(AAPL_2020),
        Reply.json(chart("2021-01-04T14:30:00Z", "2021-01-05T14:30:00Z")));
    run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL", "--from", "2020-01-01");

    CliRun update = run(at("2021-01-05T22:00:00Z"), "ingest", "AAPL");

    assertThat(update.exitCode()).as(update.out()).isZero();
    assertThat(update.out()).contains("1 symbols (0 failed): 2 inserted, 0 updated, 0 unchanged");
    Recorded request = server.requests().get(1);
    // The day after the last bar (2020-12-31), with the provider's one day of time-zone slack.
    assertThat(request.query().get("period1")).isEqualTo(String.valueOf(epoch("2020-12-31T00:00:00Z")));
    assertThat(bars("AAPL", "2021-01-01", "2021-01-31")).hasSize(2);
  }

  @Test
  void symbolWithNothingNewIsUpToDateWithoutARequest() throws IOException {
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL", "--exchange", "NASDAQ");
    server.on(CHART + "AAPL", Reply.fixture(AAPL_2020));
    run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL", "--from", "2020-01-01");

    // Saturday 2021-01-02: the last completed session is 2020-12-31 (New Year's Day is a holiday).
    CliRun update = run(at("2021-01-02T12:00:00Z"), "ingest", "AAPL", "--format", "json");

    assertThat(update.exitCode()).isZero();
    JsonNode row = json(update.out()).get(0);
    assertThat(row.get("status").asText()).isEqualTo("up to date");
    assertThat(row.get("inserted").asLong()).isZero();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void incrementalRunWhoseSessionNoProviderHasYetIsUpToDate() throws IOException {
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL");
    server.on(CHART + "AAPL", Reply.fixture(AAPL_2020));
    run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL", "--from", "2020-01-01");

    // The replayed answer holds only 2020 bars: nothing for 2021-01-04 yet.
    CliRun update = run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL", "--format", "json");

    assertThat(update.exitCode()).as(update.out()).isZero();
    assertThat(json(update.out()).get(0).get("status").asText()).isEqualTo("up to date");
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void liveTrailingBarIsNeverStored() throws IOException {
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL", "--exchange", "NASDAQ");
    // 10:00 in New York on 2021-01-05: that session is live, Yahoo sends its bar so far.
    server.on(CHART + "AAPL", Reply.json(chart("2021-01-04T14:30:00Z", "2021-01-05T14:30:00Z")));

    CliRun ingest = run(at("2021-01-05T15:00:00Z"), "ingest", "AAPL", "--from", "2021-01-04", "--to", "2021-01-05");

    assertThat(ingest.exitCode()).as(ingest.out()).isZero();
    assertThat(ingest.out()).contains("1 inserted");
    JsonNode stored = bars("AAPL", "2021-01-01", "2021-01-31");
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).get("date").asText()).isEqualTo("2021-01-04");
  }

  @Test
  void symbolWithoutBarsStartsAtTheConfiguredHistoryStart() throws IOException {
    env.put("DATAHUB_DEFAULT_HISTORY_START", "2020-12-01");
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL");
    server.on(CHART + "AAPL", Reply.fixture(AAPL_2020));

    CliRun ingest = run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL");

    assertThat(ingest.exitCode()).as(ingest.out()).isZero();
    assertThat(server.requests().get(0).query().get("period1"))
        .isEqualTo(String.valueOf(epoch("2020-11-30T00:00:00Z")));
    assertThat(bars("AAPL", "2020-01-01", "2020-12-31")).hasSize(22);
  }

  @Test
  void backfillIsFetchedInChunksTheProviderAccepts() throws IOException {
    env.put("YAHOO_MAX_DAYS_PER_REQUEST", "200");
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL");
    server.on(CHART + "AAPL", Reply.fixture(AAPL_2020));

    CliRun ingest = run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL", "--from", "2020-01-01");

    assertThat(ingest.exitCode()).as(ingest.out()).isZero();
    // 2020-01-01..2021-01-04 is 370 days: 200 from 2020-01-01, then 170 from 2020-07-19.
    assertThat(server.requests()).extracting(r -> r.query().get("period1")).containsExactly(
        String.valueOf(epoch("2019-12-31T00:00:00Z")), String.valueOf(epoch("2020-07-18T00:00:00Z")));
    assertThat(server.requests().get(0).query().get("period2"))
        .isEqualTo(String.valueOf(epoch("2020-07-19T00:00:00Z")));
    assertThat(ingest.out()).contains("253 inserted");
    // The split arrived with the second chunk and still undoes the adjustment of the first chunk's bars.
    assertThat(bars("AAPL", "2020-01-02", "2020-01-02").get(0).get("close").decimalValue())
        .isEqualByComparingTo(asTraded("75.0875015258789", 4));
  }

  @Test
  void actionsOnlyStoresSplitsAndDividendsWithoutBars() throws IOException {
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL");
    server.on(CHART + "AAPL", Reply.fixture(AAPL_2020));

    CliRun ingest = run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL", "--actions-only", "--format", "json");

    assertThat(ingest.exitCode()).as(ingest.out()).isZero();
    JsonNode row = json(ingest.out()).get(0);
    assertThat(row.get("actions_new").asLong()).isEqualTo(5);
    assertThat(row.get("inserted").asLong()).isZero();
    assertThat(bars("AAPL", "2020-01-01", "2020-12-31")).isEmpty();
  }

  @Test
  void runLogNamesTheProvidersActuallyUsedNotTheDefaultChain(@TempDir Path dir) {
    Path file = SampleHistory.spy(dir, "SPY");
    Clock afterSample = at("2025-08-11T12:00:00Z");
    assertThat(run(afterSample, "add-symbol", "SPY").exitCode()).isZero();
    env.put("DATAHUB_PROVIDERS", "yahoo,stooq");

    try (LogCapture logs = LogCapture.hub()) {
      CliRun csv = run(afterSample, "ingest", "SPY", "--path", file.toString());

      assertThat(csv.exitCode()).as(csv.err()).isZero();
      assertThat(logs.messages(IngestWorkflow.class)).singleElement().asString()
          .startsWith("ingest providers=csv symbols=1 ")
          .contains("concurrency={csv=2}")
          .doesNotContain("yahoo", "stooq");
    }
  }

  @Test
  void rowsARunRefusesAreReportedAndLoggedOnceAndAFileThatCorrectsThemResolvesTheFinding(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("AAA.csv");
    String header = "Date,Open,High,Low,Close,Volume\n2020-12-30,10,11,9.5,10.5,1000\n";
    Files.writeString(file, header + "2020-12-31,10.5,9,10.25,11.75,2000\n");
    assertThat(run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAA").exitCode()).isZero();

    CliRun first = run(AFTER_CLOSE_2021_01_04, "ingest", "AAA", "--path", file.toString());
    CliRun again = run(AFTER_CLOSE_2021_01_04, "ingest", "AAA", "--path", file.toString());

    for (CliRun ingest : List.of(first, again)) {
      assertThat(ingest.exitCode()).as(ingest.err()).isZero();
      assertThat(ingest.out()).contains("AAA 2020-12-31 rejected (bars_high_ge_low)",
          "rejected rows are logged as data-quality findings: datahub view-issues --check ohlc_ingest");
    }
    JsonNode logged = issues();
    assertThat(logged).hasSize(1);
    assertThat(logged.get(0).path("dates").toString()).isEqualTo("[\"2020-12-31\"]");
    assertThat(logged.get(0).path("resolved").asBoolean()).isFalse();

    Files.writeString(file, header + "2020-12-31,10.5,12,10.25,11.75,2000\n");
    Clock nextDay = at("2021-01-05T23:00:00Z");
    CliRun corrected = run(nextDay, "ingest", "AAA", "--path", file.toString());

    assertThat(corrected.exitCode()).as(corrected.err()).isZero();
    assertThat(corrected.out()).doesNotContain("rejected (", "view-issues");
    JsonNode history = issues();
    assertThat(history).hasSize(1);
    assertThat(history.get(0).path("resolved_at").asText()).isEqualTo(nextDay.instant().toString());
  }

  /** Every ohlc_ingest finding as {@code view-issues --format json} prints it. */
  private JsonNode issues() throws IOException {
    CliRun view = run(AFTER_CLOSE_2021_01_04, "view-issues", "--check", "ohlc_ingest", "--format", "json");
    assertThat(view.exitCode()).as(view.err()).isZero();
    return json(view.out());
  }

  @Test
  void csvStillNeedsItsPathAndRefusesAPathForOtherProviders() {
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL");

    CliRun noPath = run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL", "--provider", "csv");
    CliRun pathForYahoo = run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL", "--provider", "yahoo", "--path", "x.csv");

    assertThat(noPath.exitCode()).isEqualTo(1);
    assertThat(noPath.err()).contains("--provider csv needs --path");
    assertThat(pathForYahoo.exitCode()).isEqualTo(1);
    assertThat(pathForYahoo.err()).contains("add csv to --provider");
  }

  @Test
  void rangeThatEndsBeforeItStartsIsRefusedBeforeAnyRequest() {
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL");

    CliRun backwards = run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL", "--from", "2020-02-01", "--to", "2020-01-01");
    CliRun actionsTo = run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL", "--actions-only", "--to", "2020-01-01");

    assertThat(backwards.exitCode()).isEqualTo(1);
    assertThat(backwards.err()).contains("from 2020-02-01 is after to 2020-01-01");
    assertThat(actionsTo.exitCode()).isEqualTo(1);
    assertThat(actionsTo.err()).contains("--to does not apply");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void unknownProviderIsRefusedListingTheValidOnes() {
    run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL");

    CliRun ingest = run(AFTER_CLOSE_2021_01_04, "ingest", "AAPL", "--provider", "yahooo");

    assertThat(ingest.exitCode()).isEqualTo(1);
    assertThat(ingest.err()).contains("unknown provider 'yahooo'").contains("yahoo, stooq");
  }

  @Test
  void addSymbolLookupFillsNameExchangeAndAssetTypeFromYahooMetadata() throws IOException {
    server.on(CHART + "AAPL", Reply.fixture("yahoo/chart-AAPL-2020-01-01-to-2020-01-03.body.json"));

    CliRun add = run(AFTER_CLOSE_2021_01_04, "add-symbol", "aapl", "--lookup");

    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out()).contains("added AAPL (Apple Inc.) exchange=NasdaqGS asset_type=stock");
    JsonNode listed = json(run(AFTER_CLOSE_2021_01_04, "list-symbols", "--format", "json").out()).get(0);
    assertThat(listed.get("name").asText()).isEqualTo("Apple Inc.");
    assertThat(listed.get("exchange").asText()).isEqualTo("NasdaqGS");
    assertThat(listed.get("asset_type").asText()).isEqualTo("stock");
  }

  @Test
  void addSymbolLookupLetsExplicitOptionsWin() {
    server.on(CHART + "AAPL", Reply.fixture("yahoo/chart-AAPL-2020-01-01-to-2020-01-03.body.json"));

    CliRun add = run(AFTER_CLOSE_2021_01_04, "add-symbol", "AAPL", "--lookup", "--provider", "yahoo", "--name",
        "Apple", "--exchange", "NASDAQ");

    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out()).contains("added AAPL (Apple) exchange=NASDAQ asset_type=stock");
  }

  @Test
  void addSymbolLookupOfAnUnknownSymbolStoresNothing() {
    server.on(CHART + "SI", Reply.fixture(404, "yahoo/historical-via-chart-SI-2020-01-01-to-2020-01-03.body.json"));

    CliRun add = run(AFTER_CLOSE_2021_01_04, "add-symbol", "SI", "--lookup");

    assertThat(add.exitCode()).isEqualTo(1);
    assertThat(add.err()).contains("No data found, symbol may be delisted");
    assertThat(run(AFTER_CLOSE_2021_01_04, "list-symbols", "--format", "csv").out()).doesNotContain("SI");
  }
}
