package io.aiinvest.datahub.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays a recorded Yahoo v8 chart body (src/test/resources/fixtures/yahoo/, copied unchanged from
 * shared/fixtures/yahoo/extracted-bodies/, recorded by yahoo-finance2) as a provider answer: OHLC, volume and
 * dividends split-adjusted as of the recording, adjclose as Yahoo computed it, events as listed. Just enough of
 * the chart format for the adjustment tests; the production parser belongs to the yahoo provider.
 */
public final class YahooChartFixture implements BarProvider {
  public static final ProviderId YAHOO = new ProviderId("yahoo");
  private static final Path DIRECTORY = Path.of("src/test/resources/fixtures/yahoo");

  private final JsonNode result;

  private YahooChartFixture(JsonNode result) {
    this.result = result;
  }

  /** The chart body in {@code fixtures/yahoo/<name>}. */
  public static YahooChartFixture load(String name) {
    try {
      // Decimals straight from the number text, as Yahoo sent it, not through a double.
      ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
      JsonNode body = json.readTree(DIRECTORY.resolve(name).toFile());
      return new YahooChartFixture(body.path("chart").path("result").path(0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ProviderId id() {
    return YAHOO;
  }

  @Override
  public ProviderBars fetch(Symbol symbol, DateRange range) {
    ZoneId zone = ZoneId.of(result.path("meta").path("exchangeTimezoneName").asText());
    JsonNode quote = result.path("indicators").path("quote").path(0);
    JsonNode adjclose = result.path("indicators").path("adjclose").path(0).path("adjclose");
    List<DailyBar> bars = new ArrayList<>();
    JsonNode timestamps = result.path("timestamp");
    for (int i = 0; i < timestamps.size(); i++) {
      LocalDate date = date(timestamps.get(i), zone);
      if (range.contains(date)) {
        bars.add(new DailyBar(symbol, date, quote.path("open").get(i).decimalValue(),
            quote.path("high").get(i).decimalValue(), quote.path("low").get(i).decimalValue(),
            quote.path("close").get(i).decimalValue(), quote.path("volume").get(i).longValue(),
            Optional.of(adjclose.get(i).decimalValue()), YAHOO));
      }
    }
    List<CorporateAction> actions = new ArrayList<>();
    result.path("events").path("dividends").elements().forEachRemaining(d -> {
      LocalDate date = date(d.path("date"), zone);
      if (range.contains(date)) {
        actions.add(CorporateAction.dividend(symbol, date, d.path("amount").decimalValue(), Optional.of("USD"),
            YAHOO));
      }
    });
    result.path("events").path("splits").elements().forEachRemaining(s -> {
      LocalDate date = date(s.path("date"), zone);
      if (range.contains(date)) {
        actions.add(CorporateAction.split(symbol, date, s.path("numerator").decimalValue(),
            s.path("denominator").decimalValue(), YAHOO));
      }
    });
    return new ProviderBars(symbol, YAHOO, PriceBasis.SPLIT_ADJUSTED, bars, actions, List.of());
  }

  private static LocalDate date(JsonNode epochSeconds, ZoneId zone) {
    return Instant.ofEpochSecond(epochSeconds.longValue()).atZone(zone).toLocalDate();
  }
}
