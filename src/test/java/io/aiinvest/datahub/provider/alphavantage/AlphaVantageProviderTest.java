package io.aiinvest.datahub.provider.alphavantage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderException.Kind;
import io.aiinvest.datahub.provider.http.ProviderHttp;
import io.aiinvest.datahub.provider.testing.FastSettings;
import io.aiinvest.datahub.provider.testing.LoopbackServer;
import io.aiinvest.datahub.provider.testing.LoopbackServer.Reply;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlphaVantageProviderTest {
  private static final String KEY = "AVKEY-7f3a9";
  private static final Symbol IBM = Symbol.of("IBM");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2020-05-08T22:00:00Z"), ZoneOffset.UTC);
  private static final DateRange MAY_2020 = DateRange.of(LocalDate.of(2020, 5, 1), LocalDate.of(2020, 5, 8));
  private static final String MINUTE_NOTE = "{\"Note\": \"Thank you for using Alpha Vantage! Our standard API call"
      + " frequency is 5 calls per minute and 500 calls per day. Please visit https://www.alphavantage.co/premium/"
      + " if you would like to target a higher API call frequency.\"}";

  private LoopbackServer server;

  @BeforeEach
  void start() {
    server = LoopbackServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private AlphaVantageProvider provider(boolean adjusted) {
    ProviderHttp http = new ProviderHttp(
        FastSettings.of("alphavantage", server.baseUrl(), Optional.of(KEY)), FastSettings.client());
    return new AlphaVantageProvider(http, adjusted, CLOCK);
  }

  @Test
  void parsesTheDailySeriesAsTradedAndAscending() {
    server.on("/query", Reply.fixture("alphavantage/crazzyghost_TIME_SERIES_DAILY_IBM.json"));

    ProviderBars result = provider(false).fetch(IBM, MAY_2020);

    assertThat(result.basis()).isEqualTo(PriceBasis.AS_TRADED);
    assertThat(result.actions()).isEmpty();
    assertThat(result.bars()).extracting(DailyBar::date)
        .containsExactly(LocalDate.of(2020, 5, 7), LocalDate.of(2020, 5, 8));
    DailyBar first = result.bars().get(0);
    assertThat(first.open()).isEqualTo(new BigDecimal("122.980000"));
    assertThat(first.high()).isEqualTo(new BigDecimal("123.260000"));
    assertThat(first.low()).isEqualTo(new BigDecimal("120.850000"));
    assertThat(first.close()).isEqualTo(new BigDecimal("121.230000"));
    assertThat(first.volume()).isEqualTo(4_412_047L);
    assertThat(first.adjustedClose()).isEmpty();
    assertThat(result.bars().get(1).volume()).isEqualTo(2_538_547L);
  }

  @Test
  void asksForCompactOutputOnlyWhenTheRangeIsRecent() {
    server.on("/query", Reply.fixture("alphavantage/crazzyghost_TIME_SERIES_DAILY_IBM.json"));
    AlphaVantageProvider provider = provider(false);

    provider.fetch(IBM, MAY_2020);
    provider.fetch(IBM, DateRange.of(LocalDate.of(2019, 1, 1), LocalDate.of(2020, 5, 8)));
    provider.fetch(IBM, DateRange.ALL);

    assertThat(server.requests().get(0).query())
        .containsEntry("function", "TIME_SERIES_DAILY")
        .containsEntry("symbol", "IBM")
        .containsEntry("outputsize", "compact")
        .containsEntry("apikey", KEY);
    assertThat(server.requests().get(1).query()).containsEntry("outputsize", "full");
    assertThat(server.requests().get(2).query()).containsEntry("outputsize", "full");
  }

  @Test
  void adjustedSeriesAddsAdjustedCloseAndDividendEvents() {
    server.on("/query", Reply.fixture("alphavantage/crazzyghost_TIME_SERIES_DAILY_ADJUSTED_IBM.json"));

    ProviderBars result = provider(true).fetch(IBM, MAY_2020);

    assertThat(server.requests().get(0).query()).containsEntry("function", "TIME_SERIES_DAILY_ADJUSTED");
    assertThat(result.basis()).isEqualTo(PriceBasis.AS_TRADED);
    assertThat(result.bars().get(0).adjustedClose()).contains(new BigDecimal("121.230000"));
    assertThat(result.bars().get(1).close()).isEqualTo(new BigDecimal("121.805000"));
    assertThat(result.bars().get(1).volume()).isEqualTo(2_542_577L);
    assertThat(result.actions()).singleElement().satisfies(action -> {
      assertThat(action.type()).isEqualTo(ActionType.DIVIDEND);
      assertThat(action.exDate()).isEqualTo(LocalDate.of(2020, 5, 7));
      assertThat(action.dividendAmount()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1.6300"));
    });
  }

  @Test
  void splitCoefficientBecomesASplitEvent() {
    server.on("/query", Reply.json("{\"Meta Data\":{},\"Time Series (Daily)\":{\"2020-08-31\":{\"1. open\":\"127.58\","
        + "\"2. high\":\"131.00\",\"3. low\":\"126.00\",\"4. close\":\"129.04\",\"5. adjusted close\":\"128.03\","
        + "\"6. volume\":\"225702700\",\"7. dividend amount\":\"0.0000\",\"8. split coefficient\":\"4.0\"}}}"));

    ProviderBars result = provider(true).fetch(Symbol.of("AAPL"), DateRange.ALL);

    assertThat(result.actions()).singleElement().satisfies(split -> {
      assertThat(split.type()).isEqualTo(ActionType.SPLIT);
      assertThat(split.splitNumerator()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("4"));
      assertThat(split.splitDenominator()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1"));
    });
  }

  @Test
  void splitCoefficientsReduceToWholeRatios() {
    assertThat(AlphaVantageProvider.ratio(new BigDecimal("4.0000"))).containsExactly(new BigDecimal("4"), new BigDecimal("1"));
    assertThat(AlphaVantageProvider.ratio(new BigDecimal("0.5"))).containsExactly(new BigDecimal("1"), new BigDecimal("2"));
    assertThat(AlphaVantageProvider.ratio(new BigDecimal("1.5"))).containsExactly(new BigDecimal("3"), new BigDecimal("2"));
    assertThat(AlphaVantageProvider.ratio(new BigDecimal("2E+1"))).containsExactly(new BigDecimal("20"), new BigDecimal("1"));
  }

  @Test
  void perMinuteNoteIsRetriedLikeA429() {
    server.on("/query", Reply.json(MINUTE_NOTE), Reply.fixture("alphavantage/zackurben_TIME_SERIES_DAILY_MSFT.json"));

    ProviderBars result = provider(false).fetch(Symbol.of("MSFT"), DateRange.ALL);

    assertThat(result.bars()).singleElement().satisfies(bar -> {
      assertThat(bar.date()).isEqualTo(LocalDate.of(2017, 8, 11));
      assertThat(bar.close()).isEqualTo(new BigDecimal("72.500000"));
      assertThat(bar.volume()).isEqualTo(21_121_250L);
    });
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void persistentNoteEndsRateLimitedWithoutTheKey() {
    server.on("/query", Reply.json(MINUTE_NOTE));

    assertThatThrownBy(() -> provider(false).fetch(IBM, MAY_2020))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED))
        .hasMessageContaining("5 calls per minute")
        .hasMessageContaining("apikey=***")
        .hasMessageNotContaining(KEY);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void dailyQuotaNoticeIsRateLimitedAtOnceAndMasksTheKeyItEchoes() {
    server.on("/query", Reply.json("{\"Information\": \"We have detected your API key as " + KEY + " and our standard"
        + " API rate limit is 25 requests per day. Please subscribe to any of the premium plans at"
        + " https://www.alphavantage.co/premium/ to instantly remove all daily rate limits.\"}"));

    assertThatThrownBy(() -> provider(false).fetch(IBM, MAY_2020))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED))
        .hasMessageContaining("25 requests per day")
        .hasMessageNotContaining(KEY);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void premiumEndpointNoticeIsAnAuthFailureNamingTheFlag() {
    server.on("/query", Reply.json("{\"Information\": \"Thank you for using Alpha Vantage! This is a premium endpoint."
        + " You may subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly unlock"
        + " all premium endpoints\"}"));

    assertThatThrownBy(() -> provider(true).fetch(IBM, MAY_2020))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("ALPHAVANTAGE_ADJUSTED=false");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void errorMessageIsAnUnknownSymbol() {
    server.on("/query", Reply.json("{\"Error Message\": \"Invalid API call. Please retry or visit the documentation"
        + " (https://www.alphavantage.co/documentation/) for TIME_SERIES_DAILY.\"}"));

    assertThatThrownBy(() -> provider(false).fetch(Symbol.of("NOPE"), MAY_2020))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_SYMBOL))
        .hasMessageContaining("NOPE: Invalid API call");
  }

  @Test
  void htmlErrorPageIsABadResponseWithTheKeyMasked() {
    server.on("/query", Reply.text(502, "text/html", "<html>Bad gateway</html>"), Reply.text(200, "text/html", "<html>maintenance</html>"));

    assertThatThrownBy(() -> provider(false).fetch(IBM, MAY_2020))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessageContaining("apikey=***")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void refusesToStartWithoutAKey() {
    ProviderHttp http = new ProviderHttp(FastSettings.of("alphavantage", server.baseUrl()), FastSettings.client());

    assertThatThrownBy(() -> new AlphaVantageProvider(http, false, CLOCK))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("ALPHAVANTAGE_API_KEY");
  }

  @Test
  void rangeOutsideTheSeriesIsNoData() {
    server.on("/query", Reply.fixture("alphavantage/crazzyghost_TIME_SERIES_DAILY_IBM.json"));

    assertThatThrownBy(() -> provider(false).fetch(IBM, DateRange.of(LocalDate.of(2021, 1, 1), LocalDate.of(2021, 1, 31))))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_DATA));
  }
}
