package io.aiinvest.datahub.provider.yahoo;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderException.Kind;
import io.aiinvest.datahub.provider.SymbolMetadata;
import io.aiinvest.datahub.provider.http.HttpReply;
import io.aiinvest.datahub.provider.http.JsonBodies;
import io.aiinvest.datahub.provider.http.ProviderHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily bars, dividends and splits from Yahoo Finance's v8 chart API, the endpoint yfinance uses:
 * {@code GET {base}/v8/finance/chart/{SYMBOL}?period1=…&period2=…&interval=1d&events=div,splits
 * &includeAdjustedClose=true}. Prices are split-adjusted as of the fetch ({@code PriceBasis.SPLIT_ADJUSTED}).
 *
 * <p>Yahoo answers some clients with 401/403 or an "Invalid Crumb" error until they hold a session; then this
 * provider does what yfinance does: takes a cookie from the cookie host ({@code fc.yahoo.com}), asks
 * {@code /v1/test/getcrumb} for a crumb with it, and retries once with {@code crumb=}. The session is kept for later
 * requests and shared by all workers.
 *
 * <p>When the range has no end, the request runs up to now, and today's bar may be Yahoo's live, unfinished one;
 * deciding which sessions are complete is ingest's job (it has the calendar).
 */
public final class YahooProvider implements BarProvider {
  public static final ProviderId ID = ProviderId.of("yahoo");
  public static final URI DEFAULT_BASE_URL = URI.create("https://query1.finance.yahoo.com");
  public static final URI DEFAULT_COOKIE_URL = URI.create("https://fc.yahoo.com");
  /** Yahoo refuses obvious scripts; this is a current desktop Chrome, as yfinance sends. */
  static final String USER_AGENT =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0"
          + " Safari/537.36";
  /** Earliest session the hub accepts (BarRule.DATE_IN_RANGE); asked for when a range has no start. */
  private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

  private static final Logger log = LoggerFactory.getLogger(YahooProvider.class);

  private final ProviderHttp http;
  private final URI cookieUrl;
  private final URI crumbBaseUrl;
  private final Clock clock;
  private final YahooChartParser parser;
  private final AtomicReference<Session> session = new AtomicReference<>();

  /** A Yahoo session: the cookies from the cookie host and the crumb issued for them. */
  private record Session(String cookies, String crumb) {}

  /**
   * @param http the chart host's HTTP client; its base URL is the chart host ({@code query1.finance.yahoo.com})
   * @param cookieUrl where the session cookie comes from ({@code https://fc.yahoo.com})
   * @param crumbBaseUrl host of {@code /v1/test/getcrumb}; normally the chart host
   */
  public YahooProvider(ProviderHttp http, URI cookieUrl, URI crumbBaseUrl, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.cookieUrl = Objects.requireNonNull(cookieUrl, "cookieUrl");
    this.crumbBaseUrl = Objects.requireNonNull(crumbBaseUrl, "crumbBaseUrl");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.parser = new YahooChartParser(http.id());
  }

  @Override
  public ProviderId id() {
    return http.id();
  }

  @Override
  public ProviderBars fetch(Symbol symbol, DateRange range) {
    // Session timestamps are the open in exchange time, from 19:00 UTC the day before (UTC+14) to 22:00 UTC
    // (UTC-12): a window one day wider at the start catches every zone, and the parser keeps only dates in range.
    long period1 = range.from().orElse(EARLIEST).minusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long period2 = range.to()
        .map(to -> to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond())
        .orElseGet(() -> clock.instant().getEpochSecond());
    JsonNode result = chart(
        symbol,
        "period1=" + period1 + "&period2=" + period2
            + "&interval=1d&events=div%2Csplits&includeAdjustedClose=true");
    return parser.bars(symbol, result, range, "chart " + symbol);
  }

  @Override
  public Optional<SymbolMetadata> metadata(Symbol symbol) {
    return Optional.of(parser.metadata(symbol, chart(symbol, "range=5d&interval=1d")));
  }

  /** {@code chart.result[0]} for the query, through the crumb flow when Yahoo asks for it. */
  private JsonNode chart(Symbol symbol, String query) {
    Session current = session.get();
    HttpReply reply = http.get(chartUri(symbol, query, current), headers(current));
    if (refusesSession(reply)) {
      log.info("{}: {} refused ({}), fetching a cookie and crumb", http.id(), reply.where(), reply.status());
      current = renewSession(current);
      reply = http.get(chartUri(symbol, query, current), headers(current));
      if (refusesSession(reply)) {
        throw new ProviderException(
            http.id(),
            Kind.AUTH,
            "GET " + reply.where() + " -> HTTP " + reply.status() + " even with a fresh cookie and crumb: "
                + reply.snippet());
      }
    }
    return result(symbol, reply);
  }

  private JsonNode result(Symbol symbol, HttpReply reply) {
    JsonNode root;
    try {
      root = JsonBodies.parse(http.id(), reply);
    } catch (ProviderException e) {
      if (reply.isSuccess()) {
        throw e;
      }
      throw new ProviderException(
          http.id(), Kind.BAD_RESPONSE, "GET " + reply.where() + " -> HTTP " + reply.status() + ": " + reply.snippet());
    }
    JsonNode error = root.path("chart").path("error");
    if (error.isObject()) {
      String code = JsonBodies.text(error, "code").orElse("");
      String description = JsonBodies.text(error, "description").orElse(code);
      Kind kind = code.equalsIgnoreCase("Not Found") ? Kind.UNKNOWN_SYMBOL : Kind.NO_DATA;
      throw new ProviderException(http.id(), kind, symbol + ": " + description + " (HTTP " + reply.status() + ")");
    }
    JsonNode result = root.path("chart").path("result").path(0);
    if (!reply.isSuccess() || !result.isObject()) {
      throw new ProviderException(
          http.id(),
          Kind.BAD_RESPONSE,
          "GET " + reply.where() + " -> HTTP " + reply.status() + " without chart.result: " + reply.snippet());
    }
    return result;
  }

  private static boolean refusesSession(HttpReply reply) {
    if (reply.status() == 401 || reply.status() == 403) {
      return true;
    }
    String body = reply.body().toLowerCase(Locale.ROOT);
    return body.contains("invalid crumb") || body.contains("invalid cookie");
  }

  /** One renewal at a time; a worker that waited behind another's renewal uses the session it produced. */
  private synchronized Session renewSession(Session stale) {
    Session current = session.get();
    if (current != null && current != stale) {
      return current;
    }
    // fc.yahoo.com answers 404 but sets the cookie; the status does not matter, the Set-Cookie header does.
    HttpReply cookieReply = http.get(cookieUrl, Map.of("User-Agent", USER_AGENT));
    List<String> cookies = new ArrayList<>();
    for (String header : cookieReply.allHeaders("Set-Cookie")) {
      String pair = header.split(";", 2)[0].strip();
      if (pair.contains("=")) {
        cookies.add(pair);
      }
    }
    if (cookies.isEmpty()) {
      throw new ProviderException(
          http.id(), Kind.AUTH, "GET " + cookieReply.where() + " -> HTTP " + cookieReply.status() + " set no cookie");
    }
    String cookieHeader = String.join("; ", cookies);
    HttpReply crumbReply = http.get(
        URI.create(crumbBaseUrl + "/v1/test/getcrumb"), Map.of("User-Agent", USER_AGENT, "Cookie", cookieHeader));
    String crumb = crumbReply.body().strip();
    if (!crumbReply.isSuccess() || crumb.isEmpty() || crumb.length() > 64 || !crumb.matches("\\S+")
        || crumb.startsWith("<") || crumb.startsWith("{")) {
      throw new ProviderException(
          http.id(),
          Kind.AUTH,
          "GET " + crumbReply.where() + " -> HTTP " + crumbReply.status() + " gave no crumb: " + crumbReply.snippet());
    }
    Session renewed = new Session(cookieHeader, crumb);
    session.set(renewed);
    return renewed;
  }

  private URI chartUri(Symbol symbol, String query, Session current) {
    String crumb = current == null ? "" : "&crumb=" + URLEncoder.encode(current.crumb(), StandardCharsets.UTF_8);
    return URI.create(http.settings().baseUrl() + "/v8/finance/chart/"
        + URLEncoder.encode(symbol.value(), StandardCharsets.UTF_8) + "?" + query + crumb);
  }

  private static Map<String, String> headers(Session current) {
    return current == null
        ? Map.of("User-Agent", USER_AGENT, "Accept", "application/json")
        : Map.of("User-Agent", USER_AGENT, "Accept", "application/json", "Cookie", current.cookies());
  }
}
