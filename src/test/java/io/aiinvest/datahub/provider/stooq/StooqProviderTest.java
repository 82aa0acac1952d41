package io.aiinvest.datahub.provider.stooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderBarsBuilder;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderException.Kind;
import io.aiinvest.datahub.provider.http.ProviderHttp;
import io.aiinvest.datahub.provider.testing.FastSettings;
import io.aiinvest.datahub.provider.testing.LoopbackServer;
import io.aiinvest.datahub.provider.testing.LoopbackServer.Reply;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StooqProviderTest {
  private static final Symbol SPY = Symbol.of("SPY");

  private LoopbackServer server;
  private StooqProvider stooq;

  @BeforeEach
  void start() {
    server = LoopbackServer.start();
    stooq = new StooqProvider(new ProviderHttp(FastSettings.of("stooq", server.baseUrl()), FastSettings.client()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void parsesTheRecordedCrlfCsvAsDividendAdjustedBars() {
    server.on("/q/d/l/", Reply.fixture("stooq/spy_us_d.csv"));

    ProviderBars result = stooq.fetch(SPY, DateRange.of(LocalDate.of(2021, 1, 4), LocalDate.of(2021, 1, 5)));

    assertThat(result.basis()).isEqualTo(PriceBasis.FULLY_ADJUSTED);
    assertThat(result.actions()).isEmpty();
    assertThat(result.bars()).hasSize(2);
    DailyBar first = result.bars().get(0);
    assertThat(first.date()).isEqualTo(LocalDate.of(2021, 1, 4));
    assertThat(first.open()).isEqualTo(new BigDecimal("353.369000"));
    assertThat(first.high()).isEqualTo(new BigDecimal("353.507000"));
    assertThat(first.low()).isEqualTo(new BigDecimal("343.494000"));
    assertThat(first.close()).isEqualTo(new BigDecimal("347.236000"));
    assertThat(first.volume()).isEqualTo(117_052_865L);
    assertThat(first.adjustedClose()).isEmpty();
    assertThat(result.bars().get(1).close()).isEqualTo(new BigDecimal("349.630000"));
  }

  @Test
  void asksForTheUsListingAndTheDateWindow() {
    server.on("/q/d/l/", Reply.fixture("stooq/spy_us_d.csv"));

    stooq.fetch(SPY, DateRange.of(LocalDate.of(2021, 1, 4), LocalDate.of(2021, 1, 5)));

    assertThat(server.requests().get(0).query())
        .containsEntry("s", "spy.us")
        .containsEntry("i", "d")
        .containsEntry("d1", "20210104")
        .containsEntry("d2", "20210105");
  }

  @Test
  void readsEveryRowOfTheWholeHistory() {
    server.on("/q/d/l/", Reply.fixture("stooq/spy_us_d.csv"));

    ProviderBars result = stooq.fetch(SPY, DateRange.ALL);

    assertThat(result.bars()).hasSize(2_839);
    assertThat(result.bars().get(0).date()).isEqualTo(LocalDate.of(2015, 1, 2));
    assertThat(result.bars().get(2_838).date()).isEqualTo(LocalDate.of(2026, 4, 17));
    assertThat(result.rejections()).isEmpty();
    assertThat(server.requests().get(0).query()).doesNotContainKeys("d1", "d2");
  }

  @Test
  void noDataReplyIsNoData() {
    server.on("/q/d/l/", Reply.text(200, "text/plain", "No data"));

    assertThatThrownBy(() -> stooq.fetch(Symbol.of("ZZZZ"), DateRange.ALL))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_DATA));
  }

  @Test
  void htmlPageIsABadResponse() {
    server.on("/q/d/l/", Reply.text(200, "text/html", "<html><body>Stooq</body></html>"));

    assertThatThrownBy(() -> stooq.fetch(SPY, DateRange.ALL))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessageContaining("not Stooq's daily CSV");
  }

  @Test
  void rowWithAnEmptyOrUnreadableCellIsRejected() {
    server.on("/q/d/l/", Reply.text(200, "text/csv",
        "Date,Open,High,Low,Close,Volume\r\n2021-01-04,1,2,0.5,1.5,\r\n2021-01-05,1,2,x,1.5,10\r\n2021-01-06,1,2,0.5,1.5,10\r\n"));

    ProviderBars result = stooq.fetch(SPY, DateRange.ALL);

    assertThat(result.bars()).extracting(DailyBar::date).containsExactly(LocalDate.of(2021, 1, 6));
    assertThat(result.rejections()).hasSize(2);
    assertThat(result.rejections().get(0).rule()).isEqualTo(ProviderBarsBuilder.MISSING_VALUE);
    assertThat(result.rejections().get(0).reason()).isEqualTo("stooq sent no volume");
    assertThat(result.rejections().get(1).rule()).isEqualTo(ProviderBarsBuilder.UNREADABLE_VALUE);
    assertThat(result.rejections().get(1).reason()).contains("line 3").contains("2021-01-05,1,2,x,1.5,10");
  }

  @Test
  void mapsSymbolsToStooqNames() {
    assertThat(StooqProvider.stooqSymbol(Symbol.of("SPY"))).isEqualTo("spy.us");
    assertThat(StooqProvider.stooqSymbol(Symbol.of("BRK.B"))).isEqualTo("brk-b.us");
    assertThat(StooqProvider.stooqSymbol(Symbol.of("^SPX"))).isEqualTo("^spx");
  }
}
