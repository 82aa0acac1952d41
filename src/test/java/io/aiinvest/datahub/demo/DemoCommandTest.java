package io.aiinvest.datahub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.testing.LoopbackServer;
import io.aiinvest.datahub.quality.QualityRunner;
import io.aiinvest.datahub.provider.testing.LoopbackServer.Reply;
import io.aiinvest.datahub.store.duckdb.DuckDbMarketStore;
import io.aiinvest.datahub.testing.CliRun;
import io.aiinvest.datahub.testing.LogCapture;
import io.aiinvest.datahub.testing.SettableClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datahub demo} on a machine with nothing configured: the embedded database under DATAHUB_HOME. */
class DemoCommandTest {
  @TempDir Path home;

  private CliRun demo(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "demo";
    System.arraycopy(args, 0, command, 1, args.length);
    return CliRun.run(Map.of("DATAHUB_HOME", home.toString(), "HOME", home.toString()), command);
  }

  /**
   * {@code demo --live} against a loopback Yahoo on 2021-01-04 after the close; symbols without a scripted answer get
   * Yahoo's recorded 404.
   */
  private CliRun liveDemo(LoopbackServer yahoo) {
    yahoo.on("/v8/finance/chart/", Reply.fixture(404,
        "yahoo/historical-via-chart-SI-2020-01-01-to-2020-01-03.body.json"));
    return CliRun.run(Map.of("DATAHUB_HOME", home.toString(), "HOME", home.toString(),
        "YAHOO_BASE_URL", yahoo.baseUrl().toString(), "YAHOO_COOKIE_URL", yahoo.baseUrl() + "/cookie",
        "YAHOO_CRUMB_BASE_URL", yahoo.baseUrl().toString()),
        new SettableClock(Instant.parse("2021-01-04T23:00:00Z")), "demo", "--live");
  }

  private DuckDbMarketStore openStore() {
    return DuckDbMarketStore.open(new DbTarget.DuckDb(home.resolve("datahub.duckdb")));
  }

  @Test
  void demoCreatesTheEmbeddedDatabaseAndLoadsFiveSymbolsWithSplitsAndDividends() {
    CliRun run = demo();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("datahub demo into duckdb:" + home.resolve("datahub.duckdb"))
        .contains("5 (5 added by this run)")
        .contains("4,105 bars inserted, 0 updated, 0 unchanged, 0 rejected; 46 corporate actions new")
        .containsPattern("quality: +10 checks run; \\d+ findings stand in the data-quality log")
        .containsPattern("5 symbols, 4,105 bars, 46 corporate actions, \\d+ open findings")
        .contains("Try next:");
    assertThat(run.out().lines().filter(l -> l.startsWith("AMZN")).findFirst().orElseThrow())
        .matches("AMZN +Amazon\\.com, Inc\\. +NASDAQ +821 +2022-05-02 +2025-08-08 +1 +0 +\\d+");
    assertThat(home.resolve("datahub.duckdb")).exists();
  }

  @Test
  void demoPrintsItsSummaryWithoutTheHubsInfoLogLines() {
    try (LogCapture logs = LogCapture.hub()) {
      CliRun run = demo();

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("quality:").contains("Try next:");
      // Ingest and the quality runner log at INFO; none of it may reach stderr under the demo's summary.
      assertThat(logs.events()).extracting(e -> e.getLevel() + " " + e.getFormattedMessage()).isEmpty();
    }
  }

  @Test
  void demoStillLogsWarnings() {
    // Yahoo knows none of the five symbols: each failure is a WARN line, and it must still be shown.
    try (LoopbackServer yahoo = LoopbackServer.start(); LogCapture logs = LogCapture.hub()) {
      CliRun run = liveDemo(yahoo);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(logs.events()).isNotEmpty()
          .allSatisfy(e -> assertThat(e.getLevel().isGreaterOrEqual(Level.WARN)).as(e.getFormattedMessage()).isTrue())
          .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("symbol=SPY").contains("failed"));
    }
  }

  @Test
  void demoLogsAtTheLevelLogLevelAsksFor() {
    try (LogCapture logs = LogCapture.hub()) {
      CliRun run = CliRun.run(
          Map.of("DATAHUB_HOME", home.toString(), "HOME", home.toString(), "LOG_LEVEL", "info"), "demo");

      assertThat(run.exitCode()).isZero();
      assertThat(logs.messages(QualityRunner.class)).isNotEmpty();
    }
  }

  @Test
  void demoStoresSplitAdjustedSampleBarsAsTraded() {
    assertThat(demo().exitCode()).isZero();

    try (DuckDbMarketStore store = openStore()) {
      Symbol amzn = Symbol.of("AMZN");
      List<DailyBar> aroundSplit = store.bars(amzn, DateRange.of(LocalDate.of(2022, 6, 3), LocalDate.of(2022, 6, 6)));
      // Yahoo's file has 122.349998474121 on 2022-06-03, adjusted for the 20:1 split; AMZN traded at 2,447 that day.
      assertThat(aroundSplit.get(0).close()).isEqualByComparingTo("2446.999969");
      assertThat(aroundSplit.get(0).volume()).isEqualTo(4_880_200);
      assertThat(aroundSplit.get(1).close()).isEqualByComparingTo("124.790001");
      assertThat(store.actions(amzn, DateRange.ALL)).singleElement().satisfies(split -> {
        assertThat(split.type()).isEqualTo(ActionType.SPLIT);
        assertThat(split.exDate()).isEqualTo(LocalDate.of(2022, 6, 6));
        assertThat(split.splitRatio()).isEqualByComparingTo("20");
      });
      List<CorporateAction> googl = store.actions(Symbol.of("GOOGL"), DateRange.ALL);
      assertThat(googl).extracting(CorporateAction::type).containsExactly(ActionType.SPLIT, ActionType.DIVIDEND,
          ActionType.DIVIDEND, ActionType.DIVIDEND, ActionType.DIVIDEND, ActionType.DIVIDEND);
      assertThat(googl.get(1).dividendAmount()).contains(new BigDecimal("0.200000"));
      assertThat(store.findSymbol(Symbol.of("SPY")).orElseThrow().exchange()).contains("NYSE Arca");
    }
  }

  @Test
  void rerunningTheDemoChangesNothing() {
    CliRun first = demo();
    String findings = first.out().lines().filter(l -> l.startsWith("5 symbols")).findFirst().orElseThrow();

    CliRun again = demo();

    assertThat(again.exitCode()).isZero();
    assertThat(again.out())
        .contains("5 (0 added by this run)")
        .contains("0 bars inserted, 0 updated, 4,105 unchanged, 0 rejected; 0 corporate actions new, 0 revised,"
            + " 46 unchanged")
        .contains(findings);
    try (DuckDbMarketStore store = openStore()) {
      assertThat(store.revisions(Symbol.of("AAPL"), DateRange.ALL)).isEmpty();
      assertThat(store.actionRevisions(Symbol.of("AAPL"), DateRange.ALL)).isEmpty();
    }
  }

  @Test
  void liveDemoFetchesFromYahooAndStoresWhatArrivesAsTraded() {
    // Yahoo's recorded answers for AAPL and AMZN over 2020 on loopback; the other three symbols get its 404.
    try (LoopbackServer yahoo = LoopbackServer.start()) {
      yahoo.on("/v8/finance/chart/AAPL", Reply.fixture("yahoo/historicalv8-AAPL-2020-01-01-to-2021-01-04.body.json"));
      yahoo.on("/v8/finance/chart/AMZN", Reply.fixture("yahoo/historicalv8-AMZN-2020-01-01-to-2021-01-04.body.json"));
      CliRun run = liveDemo(yahoo);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out())
          .contains("source:   Yahoo Finance chart API (live), 2019-01-04..…")
          .contains("FAILED SPY: yahoo")
          .contains("FAILED MSFT: yahoo")
          .contains("FAILED GOOGL: yahoo");
      try (DuckDbMarketStore store = openStore()) {
        assertThat(store.countBars(java.util.Optional.of(Symbol.of("AMZN")))).isEqualTo(253);
        DailyBar july1 = store.bars(Symbol.of("AAPL"),
            DateRange.of(LocalDate.of(2020, 7, 1), LocalDate.of(2020, 7, 1))).get(0);
        // Sent split-adjusted as 91.02749633789062; before the 4:1 split of 2020-08-31 AAPL traded at four times that.
        assertThat(july1.close()).isEqualByComparingTo("364.109985");
        assertThat(store.actions(Symbol.of("AAPL"), DateRange.ALL)).extracting(CorporateAction::type)
            .contains(ActionType.SPLIT);
      }
    }
  }
}
