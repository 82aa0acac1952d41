package io.aiinvest.datahub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.duckdb.DuckDbMarketStore;
import io.aiinvest.datahub.testing.HubCli;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datahub demo} on a machine with nothing configured: the embedded database under DATAHUB_HOME. */
class DemoCommandTest {
  @TempDir Path home;

  private HubCli cli() {
    return new HubCli(Map.of("DATAHUB_HOME", home.toString(), "HOME", home.toString()));
  }

  @Test
  void demoCreatesTheEmbeddedDatabaseAndLoadsFiveSymbolsWithSplitsAndDividends() {
    HubCli cli = cli();

    assertThat(cli.run("demo")).isZero();

    assertThat(cli.out())
        .contains("datahub demo into duckdb:" + home.resolve("datahub.duckdb"))
        .contains("5 (5 added by this run)")
        .contains("2,715 bars inserted, 0 updated, 0 unchanged, 0 rejected; 30 corporate actions new")
        .contains("5 symbols, 2,715 bars, 30 corporate actions, 0 open findings")
        .contains("Try next:");
    assertThat(cli.out().lines().filter(l -> l.startsWith("AMZN")).findFirst().orElseThrow())
        .matches("AMZN +Amazon\\.com, Inc\\. +NASDAQ +543 +2022-05-02 +2024-06-28 +1 +0 +0");
    assertThat(home.resolve("datahub.duckdb")).exists();
  }

  @Test
  void demoStoresSplitAdjustedSampleBarsAsTraded() {
    assertThat(cli().run("demo")).isZero();

    try (DuckDbMarketStore store = DuckDbMarketStore.open(new DbTarget.DuckDb(home.resolve("datahub.duckdb")))) {
      Symbol amzn = Symbol.of("AMZN");
      List<DailyBar> aroundSplit = store.bars(amzn, DateRange.of(LocalDate.of(2022, 6, 3), LocalDate.of(2022, 6, 6)));
      // Yahoo's file has 122.349998 on 2022-06-03, adjusted for the 20:1 split; AMZN traded near 2,447 that day.
      assertThat(aroundSplit.get(0).close()).isEqualByComparingTo("2446.99996");
      assertThat(aroundSplit.get(0).volume()).isEqualTo(4_880_200);
      assertThat(aroundSplit.get(1).close()).isEqualByComparingTo("124.790001");
      assertThat(store.actions(amzn, DateRange.ALL)).singleElement().satisfies(split -> {
        assertThat(split.type()).isEqualTo(ActionType.SPLIT);
        assertThat(split.exDate()).isEqualTo(LocalDate.of(2022, 6, 6));
        assertThat(split.splitRatio()).isEqualByComparingTo("20");
      });
      List<CorporateAction> googl = store.actions(Symbol.of("GOOGL"), DateRange.ALL);
      assertThat(googl).extracting(CorporateAction::type).containsExactly(ActionType.SPLIT, ActionType.DIVIDEND);
      assertThat(googl.get(1).dividendAmount()).contains(new BigDecimal("0.200000"));
      assertThat(store.findSymbol(Symbol.of("SPY")).orElseThrow().exchange()).contains("NYSE Arca");
    }
  }

  @Test
  void rerunningTheDemoChangesNothing() {
    HubCli cli = cli();
    assertThat(cli.run("demo")).isZero();

    assertThat(cli.run("demo")).isZero();

    assertThat(cli.out())
        .contains("5 (0 added by this run)")
        .contains("0 bars inserted, 0 updated, 2,715 unchanged, 0 rejected; 0 corporate actions new, 0 revised,"
            + " 30 unchanged")
        .contains("5 symbols, 2,715 bars, 30 corporate actions, 0 open findings");
    try (DuckDbMarketStore store = DuckDbMarketStore.open(new DbTarget.DuckDb(home.resolve("datahub.duckdb")))) {
      assertThat(store.revisions(Symbol.of("AAPL"), DateRange.ALL)).isEmpty();
    }
  }

  @Test
  void liveDemoSaysWhyItIsNotAvailableYet() {
    HubCli cli = cli();

    assertThat(cli.run("demo", "--live")).isEqualTo(1);

    assertThat(cli.err()).contains("Yahoo Finance").contains("run 'datahub demo'");
  }
}
