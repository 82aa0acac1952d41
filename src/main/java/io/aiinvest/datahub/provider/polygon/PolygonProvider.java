package io.aiinvest.datahub.provider.polygon;

import static io.aiinvest.datahub.provider.http.JsonBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderBarsBuilder;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderException.Kind;
import io.aiinvest.datahub.provider.http.HttpReply;
import io.aiinvest.datahub.provider.http.JsonBodies;
import io.aiinvest.datahub.provider.http.ProviderHttp;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Daily bars from Polygon.io aggregates, {@code /v2/aggs/ticker/{T}/range/1/day/{from}/{to}?adjusted=false}
 * (as traded), with splits from {@code /v3/reference/splits} and cash dividends from {@code /v3/reference/dividends}.
 * Every list follows {@code next_url} pages; Polygon's {@code next_url} carries no key, so the key is appended, and
 * only to URLs on the configured host so that a stray link can never receive it.
 *
 * <p>A fetch costs at least three requests, which the free tier (5/min) makes slow; Polygon is meant as a paid
 * provider or a fallback for a few symbols.
 */
public final class PolygonProvider implements BarProvider {
  public static final ProviderId ID = ProviderId.of("polygon");
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.polygon.io");
  /** Aggregates carry the session's start at midnight New York time, in epoch milliseconds. */
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
  /** A guard against a provider that keeps sending {@code next_url}; 50,000 bars a page make this years of data. */
  private static final int MAX_PAGES = 1_000;

  private final ProviderHttp http;
  private final Clock clock;
  private final String apiKey;

  /** @throws ProviderException (AUTH) when the settings carry no API key */
  public PolygonProvider(ProviderHttp http, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.apiKey = http.settings().apiKey().orElseThrow(() -> new ProviderException(
        http.id(), Kind.AUTH, "no API key: set POLYGON_API_KEY"));
  }

  @Override
  public ProviderId id() {
    return http.id();
  }

  @Override
  public ProviderBars fetch(Symbol symbol, DateRange range) {
    LocalDate from = range.from().orElse(EARLIEST);
    LocalDate to = range.to().orElseGet(() -> LocalDate.now(clock.withZone(NEW_YORK)));
    String ticker = encode(symbol.value());
    List<JsonNode> bars = pages(
        "/v2/aggs/ticker/" + ticker + "/range/1/day/" + from + "/" + to + "?adjusted=false&sort=asc&limit=50000");
    List<JsonNode> splits = pages("/v3/reference/splits?ticker=" + ticker + "&execution_date.gte=" + from
        + "&execution_date.lte=" + to + "&limit=1000");
    List<JsonNode> dividends = pages("/v3/reference/dividends?ticker=" + ticker + "&ex_dividend_date.gte=" + from
        + "&ex_dividend_date.lte=" + to + "&limit=1000");
    try {
      return parse(symbol, range, bars, splits, dividends);
    } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
      throw new ProviderException(
          http.id(), Kind.BAD_RESPONSE, symbol + " " + range + ": unreadable value (" + e.getMessage() + ")");
    }
  }

  private ProviderBars parse(
      Symbol symbol,
      DateRange range,
      List<JsonNode> barPages,
      List<JsonNode> splitPages,
      List<JsonNode> dividendPages) {
    ProviderBarsBuilder builder = new ProviderBarsBuilder(symbol, http.id(), range);
    for (JsonNode page : barPages) {
      for (JsonNode bar : page.path("results")) {
        builder.addRow(
            sessionDate(bar.path("t")),
            price(bar, "o"),
            price(bar, "h"),
            price(bar, "l"),
            price(bar, "c"),
            bar.path("v").isNumber() ? JsonBodies.wholeNumber(bar.path("v")) : null,
            null);
      }
    }
    for (JsonNode split : results(splitPages, symbol)) {
      LocalDate exDate = LocalDate.parse(split.path("execution_date").asText());
      // split_from old shares become split_to new ones: a 4-for-1 is from 1, to 4, i.e. 4:1 in the hub.
      BigDecimal newShares = JsonBodies.decimal(split.path("split_to"));
      BigDecimal oldShares = JsonBodies.decimal(split.path("split_from"));
      builder.addAction(exDate, () -> CorporateAction.split(symbol, exDate, newShares, oldShares, http.id()));
    }
    for (JsonNode dividend : results(dividendPages, symbol)) {
      LocalDate exDate = LocalDate.parse(dividend.path("ex_dividend_date").asText());
      BigDecimal amount = JsonBodies.decimal(dividend.path("cash_amount"));
      Optional<String> currency = text(dividend, "currency");
      builder.addAction(exDate, () -> CorporateAction.dividend(symbol, exDate, amount, currency, http.id()));
    }
    if (builder.isEmpty()) {
      throw new ProviderException(http.id(), Kind.NO_DATA, symbol + " " + range + ": Polygon sent no bars or actions");
    }
    // Trust what the answer says over what was asked: Polygon's "adjusted" means split-adjusted (not dividends).
    boolean adjusted = barPages.get(0).path("adjusted").asBoolean(false);
    return builder.build(adjusted ? PriceBasis.SPLIT_ADJUSTED : PriceBasis.AS_TRADED);
  }

  /** The rows of every page that belong to the symbol. */
  private static List<JsonNode> results(List<JsonNode> pages, Symbol symbol) {
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode page : pages) {
      for (JsonNode row : page.path("results")) {
        if (sameTicker(row, symbol)) {
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** Polygon filters by ticker already; the check keeps another ticker's rows out if it ever does not. */
  private static boolean sameTicker(JsonNode row, Symbol symbol) {
    return text(row, "ticker").map(t -> t.equalsIgnoreCase(symbol.value())).orElse(true);
  }

  /** The answer to {@code pathAndQuery} and to each {@code next_url} after it, in order. */
  private List<JsonNode> pages(String pathAndQuery) {
    URI base = http.settings().baseUrl();
    URI next = URI.create(base + pathAndQuery);
    List<JsonNode> pages = new ArrayList<>();
    while (true) {
      HttpReply reply = http.get(withKey(next), Map.of("Accept", "application/json"));
      JsonNode root = checked(reply);
      pages.add(root);
      Optional<String> nextUrl = text(root, "next_url");
      if (nextUrl.isEmpty()) {
        return pages;
      }
      if (pages.size() >= MAX_PAGES) {
        throw new ProviderException(
            http.id(), Kind.BAD_RESPONSE, "GET " + reply.where() + ": still paging after " + MAX_PAGES + " pages");
      }
      next = sameOrigin(base, nextUrl.get(), reply.where());
    }
  }

  private JsonNode checked(HttpReply reply) {
    JsonNode root;
    try {
      root = JsonBodies.parse(http.id(), reply);
    } catch (ProviderException e) {
      if (reply.isSuccess()) {
        throw e;
      }
      throw new ProviderException(
          http.id(), kindFor(reply.status()), "GET " + reply.where() + " -> HTTP " + reply.status() + ": "
              + reply.snippet());
    }
    String status = text(root, "status").orElse("");
    if (!reply.isSuccess() || status.equals("ERROR") || status.equals("NOT_AUTHORIZED")) {
      String message = text(root, "message").or(() -> text(root, "error")).orElse(reply.snippet());
      Kind kind = status.equals("NOT_AUTHORIZED") ? Kind.AUTH : kindFor(reply.status());
      throw new ProviderException(
          http.id(),
          kind,
          "GET " + reply.where() + " -> HTTP " + reply.status() + " " + status + ": "
              + http.redactor().redact(message));
    }
    return root;
  }

  private static Kind kindFor(int status) {
    if (status == 401 || status == 403) {
      return Kind.AUTH;
    }
    return status == 404 ? Kind.UNKNOWN_SYMBOL : Kind.BAD_RESPONSE;
  }

  private URI sameOrigin(URI base, String nextUrl, String where) {
    URI next;
    try {
      next = URI.create(nextUrl);
    } catch (IllegalArgumentException e) {
      throw new ProviderException(http.id(), Kind.BAD_RESPONSE, "GET " + where + ": unreadable next_url");
    }
    boolean same = base.getScheme().equalsIgnoreCase(String.valueOf(next.getScheme()))
        && base.getHost().equalsIgnoreCase(String.valueOf(next.getHost()))
        && base.getPort() == next.getPort();
    if (!same) {
      throw new ProviderException(
          http.id(),
          Kind.BAD_RESPONSE,
          "GET " + where + ": next_url points to " + next.getScheme() + "://" + next.getHost()
              + ", not the configured host; not sending the key there");
    }
    return next;
  }

  private URI withKey(URI uri) {
    String separator = uri.getRawQuery() == null ? "?" : "&";
    return URI.create(uri + separator + "apiKey=" + encode(apiKey));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static LocalDate sessionDate(JsonNode epochMillis) {
    if (!epochMillis.isIntegralNumber()) {
      throw new DateTimeException("bar time 't' is '" + epochMillis + "', not epoch milliseconds");
    }
    return Instant.ofEpochMilli(epochMillis.longValue()).atZone(NEW_YORK).toLocalDate();
  }

  private static BigDecimal price(JsonNode bar, String field) {
    JsonNode node = bar.path(field);
    return node.isNumber() ? node.decimalValue() : null;
  }
}
