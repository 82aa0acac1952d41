package io.aiinvest.datahub.provider.polygon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
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

class PolygonProviderTest {
  private static final String KEY = "PGKEY-31337";
  private static final String AGGS = "/v2/aggs/ticker/";
  private static final String SPLITS = "/v3/reference/splits";
  private static final String DIVIDENDS = "/v3/reference/dividends";
  private static final String EMPTY = "{\"results\":[],\"status\":\"OK\",\"request_id\":\"r\"}";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-02T12:00:00Z"), ZoneOffset.UTC);
  private static final DateRange APRIL_2005 = DateRange.of(LocalDate.of(2005, 3, 30), LocalDate.of(2005, 4, 4));

  private LoopbackServer server;
  private PolygonProvider polygon;

  @BeforeEach
  void start() {
    server = LoopbackServer.start();
    ProviderHttp http = new ProviderHttp(
        FastSettings.of("polygon", server.baseUrl(), Optional.of(KEY)), FastSettings.client());
    polygon = new PolygonProvider(http, CLOCK);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  @Test
  void followsNextUrlPagesAppendingTheKeyAndDatesBarsInNewYork() {
    String firstPage = "{\"ticker\":\"AAPL\",\"adjusted\":true,\"resultsCount\":1,\"results\":[{\"v\":7.0E8,"
        + "\"o\":1.49,\"c\":1.5,\"h\":1.51,\"l\":1.48,\"t\":1112158800000,\"n\":1}],\"status\":\"OK\",\"next_url\":\""
        + server.baseUrl() + "/v2/aggs/ticker/AAPL/range/1/day/1112245200000/2005-04-04?cursor=bmV4dA\"}";
    server.on(AGGS + "AAPL/", Reply.json(firstPage),
        Reply.fixture("polygon/v2_aggs_ticker_AAPL_range_1_day_2005-04-01_2005-04-04.json"));
    server.on(SPLITS, Reply.json(EMPTY));
    server.on(DIVIDENDS, Reply.json(EMPTY));

    ProviderBars result = polygon.fetch(Symbol.of("AAPL"), APRIL_2005);

    assertThat(result.bars()).extracting(DailyBar::date)
        .containsExactly(LocalDate.of(2005, 3, 30), LocalDate.of(2005, 4, 1), LocalDate.of(2005, 4, 4));
    DailyBar april1 = result.bars().get(1);
    assertThat(april1.open()).isEqualTo(d("1.503200"));
    assertThat(april1.high()).isEqualTo(d("1.506400"));
    assertThat(april1.low()).isEqualTo(d("1.448900"));
    assertThat(april1.close()).isEqualTo(d("1.460400"));
    assertThat(april1.volume()).isEqualTo(642_646_396L);
    assertThat(result.bars().get(0).volume()).isEqualTo(700_000_000L);
    // The recorded mock was fetched with adjusted=true and says so: the result reports what it got.
    assertThat(result.basis()).isEqualTo(PriceBasis.SPLIT_ADJUSTED);
    var aggs = server.requests(AGGS);
    assertThat(aggs).hasSize(2);
    assertThat(aggs.get(0).path()).isEqualTo("/v2/aggs/ticker/AAPL/range/1/day/2005-03-30/2005-04-04");
    assertThat(aggs.get(0).query())
        .containsEntry("adjusted", "false")
        .containsEntry("sort", "asc")
        .containsEntry("limit", "50000")
        .containsEntry("apiKey", KEY);
    assertThat(aggs.get(1).query()).containsEntry("cursor", "bmV4dA").containsEntry("apiKey", KEY);
  }

  @Test
  void unadjustedAnswerIsAsTraded() {
    server.on(AGGS, Reply.json("{\"adjusted\":false,\"results\":[{\"v\":100,\"o\":42.0,\"c\":42.5,\"h\":43.0,"
        + "\"l\":41.5,\"t\":1112331600000}],\"status\":\"OK\"}"));
    server.on(SPLITS, Reply.json(EMPTY));
    server.on(DIVIDENDS, Reply.json(EMPTY));

    ProviderBars result = polygon.fetch(Symbol.of("AAPL"), APRIL_2005);

    assertThat(result.basis()).isEqualTo(PriceBasis.AS_TRADED);
    assertThat(result.bars()).singleElement().satisfies(bar -> assertThat(bar.close()).isEqualTo(d("42.500000")));
  }

  @Test
  void splitsComeFromTheReferenceEndpointAsNewSharesForOld() {
    server.on(AGGS, Reply.json(EMPTY));
    server.on(SPLITS, Reply.fixture("polygon/v3_reference_splits.json"));
    server.on(DIVIDENDS, Reply.json(EMPTY));
    DateRange year2022 = DateRange.of(LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31));

    ProviderBars goog = polygon.fetch(Symbol.of("GOOG"), year2022);
    ProviderBars brw = polygon.fetch(Symbol.of("BRW"), year2022);

    assertThat(goog.bars()).isEmpty();
    assertThat(goog.actions()).singleElement().satisfies(split -> {
      assertThat(split.type()).isEqualTo(ActionType.SPLIT);
      assertThat(split.exDate()).isEqualTo(LocalDate.of(2022, 7, 18));
      assertThat(split.splitNumerator()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("20"));
      assertThat(split.splitDenominator()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1"));
    });
    // A reverse split: two old shares become one.
    assertThat(brw.actions()).singleElement().satisfies(split -> {
      assertThat(split.splitNumerator()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1"));
      assertThat(split.splitDenominator()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("2"));
    });
    assertThat(server.requests(SPLITS).get(0).query())
        .containsEntry("ticker", "GOOG")
        .containsEntry("execution_date.gte", "2022-01-01")
        .containsEntry("execution_date.lte", "2022-12-31")
        .containsEntry("apiKey", KEY);
  }

  @Test
  void dividendsComeFromTheReferenceEndpointAcrossPages() {
    String firstPage = "{\"results\":[{\"cash_amount\":0.25,\"currency\":\"USD\",\"ex_dividend_date\":\"2023-05-11\","
        + "\"ticker\":\"AIRTP\"}],\"status\":\"OK\",\"next_url\":\"" + server.baseUrl()
        + "/v3/reference/dividends?cursor=cGFnZTI\"}";
    server.on(AGGS, Reply.json(EMPTY));
    server.on(SPLITS, Reply.json(EMPTY));
    server.on(DIVIDENDS, Reply.json(firstPage), Reply.fixture("polygon/v3_reference_dividends.json"));

    ProviderBars result = polygon.fetch(Symbol.of("AIRTP"), DateRange.of(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31)));

    assertThat(result.actions())
        .extracting(CorporateAction::exDate, a -> a.dividendAmount().orElseThrow().stripTrailingZeros(), CorporateAction::currency)
        .containsExactly(
            tuple(LocalDate.of(2023, 5, 11), d("0.25"), Optional.of("USD")),
            tuple(LocalDate.of(2023, 8, 11), d("0.5"), Optional.empty()),
            tuple(LocalDate.of(2023, 11, 13), d("0.5"), Optional.empty()));
    assertThat(server.requests(DIVIDENDS).get(1).query()).containsEntry("cursor", "cGFnZTI").containsEntry("apiKey", KEY);
  }

  @Test
  void neverSendsTheKeyToAnotherHostNamedByNextUrl() {
    server.on(AGGS, Reply.json("{\"adjusted\":false,\"results\":[],\"status\":\"OK\","
        + "\"next_url\":\"https://collector.example/steal?cursor=x\"}"));

    assertThatThrownBy(() -> polygon.fetch(Symbol.of("AAPL"), APRIL_2005))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessageContaining("not the configured host")
        .hasMessageNotContaining(KEY);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void notAuthorizedIsAnAuthFailureWithTheKeyMasked() {
    server.on(AGGS, Reply.json(403, "{\"status\":\"NOT_AUTHORIZED\",\"request_id\":\"r\","
        + "\"message\":\"Your plan doesn't include this data timeframe.\"}"));

    assertThatThrownBy(() -> polygon.fetch(Symbol.of("AAPL"), APRIL_2005))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("Your plan doesn't include this data timeframe.")
        .hasMessageContaining("apiKey=***")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void nothingAtAllIsNoData() {
    server.on(AGGS, Reply.json("{\"ticker\":\"ZZZZ\",\"queryCount\":0,\"resultsCount\":0,\"adjusted\":false,"
        + "\"status\":\"OK\"}"));
    server.on(SPLITS, Reply.json(EMPTY));
    server.on(DIVIDENDS, Reply.json(EMPTY));

    assertThatThrownBy(() -> polygon.fetch(Symbol.of("ZZZZ"), DateRange.ALL))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_DATA));
    // An open range runs from 1970 to today by the injected clock.
    assertThat(server.requests(AGGS).get(0).path()).endsWith("/range/1/day/1970-01-01/2024-01-02");
  }
}
