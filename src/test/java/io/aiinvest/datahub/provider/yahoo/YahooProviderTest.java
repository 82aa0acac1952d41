package io.aiinvest.datahub.provider.yahoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderBarsBuilder;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderException.Kind;
import io.aiinvest.datahub.provider.SymbolMetadata;
import io.aiinvest.datahub.provider.http.ProviderHttp;
import io.aiinvest.datahub.provider.testing.FastSettings;
import io.aiinvest.datahub.provider.testing.LoopbackServer;
import io.aiinvest.datahub.provider.testing.LoopbackServer.Recorded;
import io.aiinvest.datahub.provider.testing.LoopbackServer.Reply;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class YahooProviderTest {
  private static final String CHART = "/v8/finance/chart/";
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final DateRange YEAR_2020 = DateRange.of(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31));
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-02-20T12:00:00Z"), ZoneOffset.UTC);

  private LoopbackServer server;
  private YahooProvider yahoo;

  @BeforeEach
  void start() {
    server = LoopbackServer.start();
    ProviderHttp http = new ProviderHttp(FastSettings.of("yahoo", server.baseUrl()), FastSettings.client());
    yahoo = new YahooProvider(http, URI.create(server.baseUrl() + "/cookie"), server.baseUrl(), CLOCK);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  /** A chart body with the given timestamps and quote arrays (JSON array text, nulls allowed). */
  private static String chart(String zone, String timestamps, String open, String high, String low, String close,
      String volume) {
    return "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"symbol\":\"X\",\"exchangeTimezoneName\":\""
        + zone + "\"},\"timestamp\":" + timestamps + ",\"indicators\":{\"quote\":[{\"open\":" + open + ",\"high\":"
        + high + ",\"low\":" + low + ",\"close\":" + close + ",\"volume\":" + volume + "}]}}],\"error\":null}}";
  }

  @Test
  void parsesAFullYearWithExactPricesVolumesAndAdjustedCloses() {
    server.on(CHART + "AAPL", Reply.fixture("yahoo/historicalv8-AAPL-2020-01-01-to-2021-01-04.body.json"));

    ProviderBars result = yahoo.fetch(AAPL, YEAR_2020);

    assertThat(result.source()).isEqualTo(ProviderId.of("yahoo"));
    assertThat(result.basis()).isEqualTo(PriceBasis.SPLIT_ADJUSTED);
    assertThat(result.bars()).hasSize(253);
    assertThat(result.rejections()).isEmpty();
    // Every digit Yahoo sent is kept until ingest has converted it to as traded; rounded as the store keeps it:
    DailyBar first = result.bars().get(0).atPriceScale();
    assertThat(result.bars().get(0).close()).isEqualTo(d("75.0875015258789"));
    assertThat(first.date()).isEqualTo(LocalDate.of(2020, 1, 2));
    assertThat(first.open()).isEqualTo(d("74.059998"));
    assertThat(first.high()).isEqualTo(d("75.150002"));
    assertThat(first.low()).isEqualTo(d("73.797501"));
    assertThat(first.close()).isEqualTo(d("75.087502"));
    assertThat(first.volume()).isEqualTo(135_480_400L);
    assertThat(first.adjustedClose()).contains(d("73.988472"));
    DailyBar splitDay = result.bars().get(167).atPriceScale();
    assertThat(splitDay.date()).isEqualTo(LocalDate.of(2020, 8, 31));
    assertThat(splitDay.high()).isEqualTo(d("131.000000"));
    assertThat(splitDay.volume()).isEqualTo(225_702_700L);
    DailyBar last = result.bars().get(252).atPriceScale();
    assertThat(last.date()).isEqualTo(LocalDate.of(2020, 12, 31));
    assertThat(last.close()).isEqualTo(d("132.690002"));
    assertThat(last.volume()).isEqualTo(99_116_600L);
  }

  @Test
  void readsDividendsAndSplitsFromEvents() {
    server.on(CHART + "AAPL", Reply.fixture("yahoo/historicalv8-AAPL-2020-01-01-to-2021-01-04.body.json"));

    ProviderBars result = yahoo.fetch(AAPL, YEAR_2020);

    assertThat(result.actions()).extracting(CorporateAction::type, CorporateAction::exDate)
        .containsExactly(
            tuple(ActionType.DIVIDEND, LocalDate.of(2020, 2, 7)),
            tuple(ActionType.DIVIDEND, LocalDate.of(2020, 5, 8)),
            tuple(ActionType.DIVIDEND, LocalDate.of(2020, 8, 7)),
            tuple(ActionType.SPLIT, LocalDate.of(2020, 8, 31)),
            tuple(ActionType.DIVIDEND, LocalDate.of(2020, 11, 6)));
    CorporateAction firstDividend = result.actions().get(0);
    assertThat(firstDividend.dividendAmount()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.1925"));
    assertThat(firstDividend.currency()).contains("USD");
    assertThat(result.actions().get(1).dividendAmount()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.205"));
    CorporateAction split = result.actions().get(3);
    assertThat(split.splitNumerator()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("4"));
    assertThat(split.splitDenominator()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1"));
  }

  @Test
  void requestsTheChartTheWayTheIssueSpecifies() {
    server.on(CHART + "AAPL", Reply.fixture("yahoo/historicalv8-AAPL-2020-01-01-to-2021-01-04.body.json"));

    yahoo.fetch(AAPL, YEAR_2020);

    Recorded request = server.requests().get(0);
    assertThat(request.path()).isEqualTo("/v8/finance/chart/AAPL");
    // One day of slack before the range (zones east of UTC open the day before in UTC); period2 is exclusive.
    assertThat(request.query())
        .containsEntry("period1", String.valueOf(Instant.parse("2019-12-31T00:00:00Z").getEpochSecond()))
        .containsEntry("period2", String.valueOf(Instant.parse("2021-01-01T00:00:00Z").getEpochSecond()))
        .containsEntry("interval", "1d")
        .containsEntry("events", "div,splits")
        .containsEntry("includeAdjustedClose", "true")
        .doesNotContainKey("crumb");
    assertThat(request.header("User-Agent")).startsWith("Mozilla/5.0");
  }

  @Test
  void dropsRowsAfterTheRequestedEndSuchAsTheLiveRow() {
    server.on(CHART + "AAPL", Reply.fixture("yahoo/historicalv8-AAPL-2020-01-01-to-2021-01-04.body.json"));

    ProviderBars result = yahoo.fetch(AAPL, DateRange.of(LocalDate.of(2020, 12, 1), LocalDate.of(2020, 12, 30)));

    assertThat(result.bars()).hasSize(21);
    assertThat(result.bars().get(0).date()).isEqualTo(LocalDate.of(2020, 12, 1));
    assertThat(result.bars().get(20).date()).isEqualTo(LocalDate.of(2020, 12, 30));
    assertThat(result.actions()).isEmpty();
  }

  @Test
  void datesSessionsInTheExchangeTimeZone() {
    // 2020-01-01T23:00Z is 10:00 on 2020-01-02 in Sydney: the ASX session of the 2nd, not the 1st.
    server.on(CHART + "APX.AX", Reply.json(chart(
        "Australia/Sydney", "[1577919600]", "[1.5]", "[1.6]", "[1.4]", "[1.55]", "[1000]")));

    ProviderBars result = yahoo.fetch(Symbol.of("APX.AX"), DateRange.of(LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 2)));

    assertThat(result.bars()).singleElement().satisfies(bar -> {
      assertThat(bar.date()).isEqualTo(LocalDate.of(2020, 1, 2));
      assertThat(bar.close()).isEqualTo(d("1.550000"));
      assertThat(bar.adjustedClose()).isEmpty();
    });
  }

  @Test
  void emptyResultIsNoData() {
    server.on(CHART + "APS.AX", Reply.fixture("yahoo/chart-APS.AX-2020-01-01-to-2020-01-03.body.json"));

    assertThatThrownBy(() -> yahoo.fetch(Symbol.of("APS.AX"), DateRange.of(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 3))))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_DATA))
        .hasMessageContaining("no rows");
  }

  @Test
  void symbolWithOnlyNullRowsIsNoDataNotBars() {
    server.on(CHART + "NUL", Reply.json(chart("America/New_York", "[1577975400,1578061800]",
        "[null,null]", "[null,null]", "[null,null]", "[null,null]", "[null,null]")));

    assertThatThrownBy(() -> yahoo.fetch(Symbol.of("NUL"), YEAR_2020))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_DATA))
        .hasMessageContaining("only rows without prices (2)");
  }

  @Test
  void skipsNullRowsAndRejectsPartialOnesWithTheReason() {
    server.on(CHART + "MIX", Reply.json(chart("America/New_York", "[1577975400,1578061800,1578321000]",
        "[74.06,null,null]", "[75.15,null,75.0]", "[73.80,null,73.1]", "[75.09,null,74.9]", "[135480400,null,5]")));

    ProviderBars result = yahoo.fetch(Symbol.of("MIX"), YEAR_2020);

    assertThat(result.bars()).extracting(DailyBar::date).containsExactly(LocalDate.of(2020, 1, 2));
    assertThat(result.rejections()).singleElement().satisfies(r -> {
      assertThat(r.date()).isEqualTo(LocalDate.of(2020, 1, 6));
      assertThat(r.rule()).isEqualTo(ProviderBarsBuilder.MISSING_VALUE);
      assertThat(r.reason()).isEqualTo("yahoo sent no open");
    });
  }

  @Test
  void rowBreakingABarRuleIsRejectedWithThatRule() {
    server.on(CHART + "BAD", Reply.json(chart("America/New_York", "[1577975400]",
        "[10]", "[9]", "[11]", "[10]", "[100]")));

    ProviderBars result = yahoo.fetch(Symbol.of("BAD"), YEAR_2020);

    assertThat(result.bars()).isEmpty();
    assertThat(result.rejections()).extracting(Rejection::rule).containsExactly("bars_high_ge_low");
  }

  @Test
  void chartErrorNotFoundIsUnknownSymbolWithYahoosDescription() {
    server.on(CHART + "SI", Reply.fixture(404, "yahoo/historical-via-chart-SI-2020-01-01-to-2020-01-03.body.json"));

    assertThatThrownBy(() -> yahoo.fetch(Symbol.of("SI"), YEAR_2020))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_SYMBOL))
        .hasMessage("yahoo: SI: No data found, symbol may be delisted (HTTP 404)");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void chartErrorBadRequestForAWindowWithoutDataIsNoData() {
    server.on(CHART + "BEKE", Reply.fixture(400, "yahoo/chart-BEKE-2020-01-01-to-2020-01-03.body.json"));

    assertThatThrownBy(() -> yahoo.fetch(Symbol.of("BEKE"), YEAR_2020))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_DATA))
        .hasMessageContaining("Data doesn't exist for startDate = 1577836800");
  }

  @Test
  void truncatedJsonIsABadResponseAndNotRetried() {
    String body = LoopbackServer.Fixtures.text("yahoo/historicalv8-AAPL-2020-01-01-to-2021-01-04.body.json");
    server.on(CHART + "AAPL", Reply.json(body.substring(0, body.length() / 2)));

    assertThatThrownBy(() -> yahoo.fetch(AAPL, YEAR_2020))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessageContaining("malformed or truncated JSON");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void htmlInsteadOfJsonIsABadResponseShowingWhatCame() {
    server.on(CHART + "AAPL", Reply.text(200, "text/html", "<!DOCTYPE html><html><body>Will be right back</body></html>"));

    assertThatThrownBy(() -> yahoo.fetch(AAPL, YEAR_2020))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessageContaining("HTML/XML instead of JSON")
        .hasMessageContaining("text/html")
        .hasMessageContaining("Will be right back");
  }

  @Test
  void retries429And500BeforeParsing() {
    server.on(CHART + "AAPL",
        Reply.status(429).withHeader("Retry-After", "0"),
        Reply.status(500),
        Reply.fixture("yahoo/chart-AAPL-2020-01-01-to-2020-01-03.body.json"));

    ProviderBars result = yahoo.fetch(AAPL, DateRange.of(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 2)));

    assertThat(result.bars()).singleElement()
        .satisfies(bar -> assertThat(bar.atPriceScale().open()).isEqualTo(d("74.059998")));
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void on401FetchesCookieAndCrumbThenRetriesOnceWithCrumb() {
    server.on(CHART + "AAPL",
        Reply.json(401, "{\"finance\":{\"result\":null,\"error\":{\"code\":\"Unauthorized\","
            + "\"description\":\"Invalid Crumb\"}}}"),
        Reply.fixture("yahoo/chart-AAPL-2020-01-01-to-2020-01-03.body.json"));
    server.on("/cookie", Reply.status(404)
        .withHeader("Set-Cookie", "A3=d=AQABBKx&S=AQAAAk; Expires=Fri, 20 Feb 2026 12:00:00 GMT; Domain=.yahoo.com"));
    server.on("/v1/test/getcrumb", Reply.text(200, "text/plain", "Xy7/abc.Q"));
    DateRange jan2 = DateRange.of(LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 2));

    ProviderBars result = yahoo.fetch(AAPL, jan2);
    yahoo.fetch(AAPL, jan2);

    assertThat(result.bars()).hasSize(1);
    assertThat(server.paths()).containsExactly(
        "/v8/finance/chart/AAPL", "/cookie", "/v1/test/getcrumb", "/v8/finance/chart/AAPL", "/v8/finance/chart/AAPL");
    assertThat(server.requests("/v1/test/getcrumb").get(0).header("Cookie")).isEqualTo("A3=d=AQABBKx&S=AQAAAk");
    Recorded retried = server.requests(CHART).get(1);
    assertThat(retried.query()).containsEntry("crumb", "Xy7/abc.Q");
    assertThat(retried.header("Cookie")).isEqualTo("A3=d=AQABBKx&S=AQAAAk");
    // The session is kept: the next fetch goes straight to the chart with the crumb.
    assertThat(server.requests(CHART).get(2).query()).containsEntry("crumb", "Xy7/abc.Q");
  }

  @Test
  void refusalEvenWithAFreshCrumbIsAnAuthFailure() {
    server.on(CHART + "AAPL", Reply.json(403, "{\"finance\":{\"error\":{\"code\":\"Forbidden\"}}}"));
    server.on("/cookie", Reply.status(404).withHeader("Set-Cookie", "A3=x; Domain=.yahoo.com"));
    server.on("/v1/test/getcrumb", Reply.text(200, "text/plain", "crumb1"));

    assertThatThrownBy(() -> yahoo.fetch(AAPL, YEAR_2020))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("even with a fresh cookie and crumb")
        .hasMessageContaining("crumb=***");
    assertThat(server.requests(CHART)).hasSize(2);
  }

  @Test
  void metadataComesFromTheChartMeta() {
    server.on(CHART + "AAPL", Reply.fixture("yahoo/chart-AAPL-2020-01-01-to-2020-01-03.body.json"));

    Optional<SymbolMetadata> metadata = yahoo.metadata(AAPL);

    assertThat(metadata).contains(new SymbolMetadata(
        AAPL, Optional.of("Apple Inc."), Optional.of("NasdaqGS"), Optional.of("USD"), Optional.of("EQUITY")));
    assertThat(server.requests().get(0).query()).containsEntry("range", "5d");
  }
}
