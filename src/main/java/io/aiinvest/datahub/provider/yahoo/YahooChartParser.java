package io.aiinvest.datahub.provider.yahoo;

import static io.aiinvest.datahub.provider.http.JsonBodies.decimal;
import static io.aiinvest.datahub.provider.http.JsonBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderBarsBuilder;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderException.Kind;
import io.aiinvest.datahub.provider.SymbolMetadata;
import io.aiinvest.datahub.provider.http.JsonBodies;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Optional;

/**
 * Turns one {@code chart.result[0]} of Yahoo's v8 chart API into bars, actions and metadata. Session dates come
 * from each {@code timestamp} (the session's open, in UTC seconds) in the exchange's own time zone
 * ({@code meta.exchangeTimezoneName}), so an ASX bar opening at 10:00 Sydney, 23:00 UTC the day before, gets its own
 * date.
 */
final class YahooChartParser {
  private final ProviderId source;

  YahooChartParser(ProviderId source) {
    this.source = source;
  }

  ProviderBars bars(Symbol symbol, JsonNode result, DateRange range, String where) {
    try {
      return parse(symbol, result, range, where);
    } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
      throw new ProviderException(
          source, Kind.BAD_RESPONSE, "GET " + where + ": unreadable chart value (" + e.getMessage() + ")");
    }
  }

  private ProviderBars parse(Symbol symbol, JsonNode result, DateRange range, String where) {
    JsonNode meta = result.path("meta");
    ZoneId zone = zone(meta, where);
    Optional<String> currency = text(meta, "currency");
    JsonNode timestamps = result.path("timestamp");
    JsonNode quote = result.path("indicators").path("quote").path(0);
    JsonNode adjclose = result.path("indicators").path("adjclose").path(0).path("adjclose");
    ProviderBarsBuilder builder = new ProviderBarsBuilder(symbol, source, range);
    int rows = timestamps.size();
    for (String field : new String[] {"open", "high", "low", "close", "volume"}) {
      JsonNode column = quote.path(field);
      if (!column.isMissingNode() && column.size() != rows) {
        throw new ProviderException(
            source,
            Kind.BAD_RESPONSE,
            "GET " + where + ": " + rows + " timestamps but " + column.size() + " " + field + " values");
      }
    }
    for (int i = 0; i < rows; i++) {
      LocalDate date = date(timestamps.get(i), zone);
      JsonNode volume = quote.path("volume").path(i);
      builder.addRow(
          date,
          price(quote.path("open").path(i)),
          price(quote.path("high").path(i)),
          price(quote.path("low").path(i)),
          price(quote.path("close").path(i)),
          volume.isNumber() ? JsonBodies.wholeNumber(volume) : null,
          price(adjclose.path(i)));
    }
    JsonNode events = result.path("events");
    for (Iterator<JsonNode> it = events.path("dividends").elements(); it.hasNext(); ) {
      JsonNode dividend = it.next();
      LocalDate exDate = date(dividend.path("date"), zone);
      BigDecimal amount = decimal(dividend.path("amount"));
      builder.addAction(exDate, () -> CorporateAction.dividend(symbol, exDate, amount, currency, source));
    }
    for (Iterator<JsonNode> it = events.path("splits").elements(); it.hasNext(); ) {
      JsonNode split = it.next();
      LocalDate exDate = date(split.path("date"), zone);
      BigDecimal numerator = decimal(split.path("numerator"));
      BigDecimal denominator = decimal(split.path("denominator"));
      builder.addAction(exDate, () -> CorporateAction.split(symbol, exDate, numerator, denominator, source));
    }
    if (builder.isEmpty()) {
      String why = builder.emptyRows() > 0
          ? "only rows without prices (" + builder.emptyRows() + ")"
          : "no rows";
      throw new ProviderException(source, Kind.NO_DATA, symbol + " " + range + ": Yahoo sent " + why);
    }
    // Yahoo's OHLC are divided by every split up to the fetch, even splits after the range (see the fixtures' NVDA
    // note); ingest undoes that with the response's own split events.
    return builder.build(PriceBasis.SPLIT_ADJUSTED);
  }

  SymbolMetadata metadata(Symbol symbol, JsonNode result) {
    JsonNode meta = result.path("meta");
    return new SymbolMetadata(
        symbol,
        text(meta, "longName").or(() -> text(meta, "shortName")),
        text(meta, "fullExchangeName").or(() -> text(meta, "exchangeName")),
        text(meta, "currency"),
        text(meta, "instrumentType"));
  }

  private ZoneId zone(JsonNode meta, String where) {
    Optional<String> name = text(meta, "exchangeTimezoneName");
    if (name.isPresent()) {
      try {
        return ZoneId.of(name.get());
      } catch (DateTimeException e) {
        // fall through to the fixed offset Yahoo sends beside the name
      }
    }
    JsonNode offset = meta.path("gmtoffset");
    if (offset.isIntegralNumber()) {
      return ZoneOffset.ofTotalSeconds(offset.intValue());
    }
    throw new ProviderException(
        source, Kind.BAD_RESPONSE, "GET " + where + ": meta has neither exchangeTimezoneName nor gmtoffset");
  }

  private static LocalDate date(JsonNode epochSeconds, ZoneId zone) {
    if (!epochSeconds.isIntegralNumber()) {
      throw new DateTimeException("timestamp '" + epochSeconds + "' is not whole seconds");
    }
    return Instant.ofEpochSecond(epochSeconds.longValue()).atZone(zone).toLocalDate();
  }

  private static BigDecimal price(JsonNode node) {
    return node.isNumber() ? node.decimalValue() : null;
  }
}
