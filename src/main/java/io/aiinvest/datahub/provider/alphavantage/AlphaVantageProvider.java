package io.aiinvest.datahub.provider.alphavantage;

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
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Daily bars from Alpha Vantage: {@code TIME_SERIES_DAILY} (free; as-traded OHLCV) or, when the key's plan allows
 * it ({@code ALPHAVANTAGE_ADJUSTED=true}), {@code TIME_SERIES_DAILY_ADJUSTED}, which adds Alpha Vantage's adjusted
 * close, dividend amounts and split coefficients. Both series' OHLC are as traded.
 *
 * <p>Alpha Vantage throttles with HTTP 200: a JSON {@code Note} (or {@code Information}) instead of data. Those
 * replies are retried like a 429 and end as {@link Kind#RATE_LIMITED}; a daily-quota notice ends so at once, since
 * waiting seconds will not help. {@code Error Message} means the symbol is unknown (or the key is refused).
 */
public final class AlphaVantageProvider implements BarProvider {
  public static final ProviderId ID = ProviderId.of("alphavantage");
  public static final URI DEFAULT_BASE_URL = URI.create("https://www.alphavantage.co");
  /** {@code outputsize=compact} returns the latest 100 sessions; 100 calendar days always hold fewer. */
  static final int COMPACT_DAYS = 100;
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final String SERIES = "Time Series (Daily)";

  private final ProviderHttp http;
  private final boolean adjusted;
  private final Clock clock;
  private final String apiKey;

  /**
   * @param adjusted whether to call {@code TIME_SERIES_DAILY_ADJUSTED} (a premium endpoint at the time of writing)
   * @throws ProviderException (AUTH) when the settings carry no API key
   */
  public AlphaVantageProvider(ProviderHttp http, boolean adjusted, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.adjusted = adjusted;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.apiKey = http.settings().apiKey().orElseThrow(() -> new ProviderException(
        http.id(), Kind.AUTH, "no API key: set ALPHAVANTAGE_API_KEY (a free key is issued at alphavantage.co)"));
  }

  @Override
  public ProviderId id() {
    return http.id();
  }

  @Override
  public ProviderBars fetch(Symbol symbol, DateRange range) {
    String function = adjusted ? "TIME_SERIES_DAILY_ADJUSTED" : "TIME_SERIES_DAILY";
    LocalDate compactFrom = LocalDate.now(clock.withZone(NEW_YORK)).minusDays(COMPACT_DAYS);
    boolean compact = range.from().map(from -> !from.isBefore(compactFrom)).orElse(false);
    URI uri = URI.create(http.settings().baseUrl() + "/query?function=" + function + "&symbol="
        + URLEncoder.encode(symbol.value(), StandardCharsets.UTF_8) + "&outputsize=" + (compact ? "compact" : "full")
        + "&datatype=json&apikey=" + URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
    HttpReply reply = http.get(uri, Map.of("Accept", "application/json"), AlphaVantageProvider::throttleNotice);
    JsonNode root = JsonBodies.parse(http.id(), reply);
    refuseErrors(symbol, reply, root);
    JsonNode series = root.path(SERIES);
    if (!series.isObject()) {
      throw new ProviderException(
          http.id(), Kind.BAD_RESPONSE, "GET " + reply.where() + " has no '" + SERIES + "': " + reply.snippet());
    }
    try {
      return parse(symbol, range, series);
    } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
      throw new ProviderException(
          http.id(), Kind.BAD_RESPONSE, "GET " + reply.where() + ": unreadable value (" + e.getMessage() + ")");
    }
  }

  /** The throttle text of a {@code Note}/{@code Information} reply that is worth retrying in a few seconds. */
  static Optional<String> throttleNotice(HttpReply reply) {
    if (reply.body().contains(SERIES)) {
      return Optional.empty();
    }
    return JsonBodies.tryParse(reply.body())
        .flatMap(root -> text(root, "Note").or(() -> text(root, "Information")))
        .filter(message -> !isPremiumNotice(message) && !isDailyQuotaNotice(message));
  }

  /** "This is a premium endpoint…": the key's plan lacks the function; no wait will change that. */
  private static boolean isPremiumNotice(String message) {
    return message.toLowerCase(Locale.ROOT).contains("premium endpoint");
  }

  /**
   * "…our standard API rate limit is 25 requests per day…": the quota is gone until tomorrow. The per-minute
   * notice also names a daily figure ("5 calls per minute and 500 calls per day"), so it is told apart by its
   * per-minute (or per-second) figure.
   */
  private static boolean isDailyQuotaNotice(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return lower.contains("per day") && !lower.contains("per minute") && !lower.contains("per second");
  }

  private void refuseErrors(Symbol symbol, HttpReply reply, JsonNode root) {
    Optional<String> error = text(root, "Error Message");
    if (error.isPresent()) {
      boolean keyRefused = error.get().toLowerCase(Locale.ROOT).contains("apikey");
      throw new ProviderException(
          http.id(),
          keyRefused ? Kind.AUTH : Kind.UNKNOWN_SYMBOL,
          symbol + ": " + http.redactor().redact(error.get()));
    }
    Optional<String> notice = text(root, "Information").or(() -> text(root, "Note"));
    if (notice.isPresent()) {
      String message = http.redactor().redact(notice.get());
      if (isPremiumNotice(message)) {
        throw new ProviderException(
            http.id(),
            Kind.AUTH,
            "the key's plan does not include " + (adjusted ? "TIME_SERIES_DAILY_ADJUSTED (set ALPHAVANTAGE_ADJUSTED="
                + "false)" : "this request") + ": " + message);
      }
      throw new ProviderException(http.id(), Kind.RATE_LIMITED, message);
    }
    if (!reply.isSuccess()) {
      throw new ProviderException(
          http.id(), Kind.BAD_RESPONSE, "GET " + reply.where() + " -> HTTP " + reply.status() + ": " + reply.snippet());
    }
  }

  private ProviderBars parse(Symbol symbol, DateRange range, JsonNode series) {
    ProviderBarsBuilder builder = new ProviderBarsBuilder(symbol, http.id(), range);
    for (Iterator<Map.Entry<String, JsonNode>> it = series.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      LocalDate date = LocalDate.parse(entry.getKey());
      JsonNode row = entry.getValue();
      builder.addRow(
          date,
          number(row, "1. open"),
          number(row, "2. high"),
          number(row, "3. low"),
          number(row, "4. close"),
          volume(row.path(adjusted ? "6. volume" : "5. volume")),
          adjusted ? number(row, "5. adjusted close") : null);
      if (adjusted) {
        BigDecimal dividend = number(row, "7. dividend amount");
        if (dividend != null && dividend.signum() != 0) {
          builder.addAction(date, () -> CorporateAction.dividend(symbol, date, dividend, Optional.empty(), http.id()));
        }
        BigDecimal coefficient = number(row, "8. split coefficient");
        if (coefficient != null && coefficient.compareTo(BigDecimal.ONE) != 0 && coefficient.signum() > 0) {
          BigDecimal[] ratio = ratio(coefficient);
          builder.addAction(date, () -> CorporateAction.split(symbol, date, ratio[0], ratio[1], http.id()));
        }
      }
    }
    if (builder.isEmpty()) {
      throw new ProviderException(
          http.id(), Kind.NO_DATA, symbol + " " + range + ": Alpha Vantage sent no rows in range");
    }
    return builder.build(PriceBasis.AS_TRADED);
  }

  /**
   * A split coefficient (new shares per old, e.g. 4.0, 0.5, 1.5) as a reduced fraction n:m, so a reverse split
   * reads 1:2 rather than 0.5:1.
   */
  static BigDecimal[] ratio(BigDecimal coefficient) {
    BigDecimal plain = coefficient.stripTrailingZeros();
    BigInteger numerator = plain.unscaledValue();
    BigInteger denominator = BigInteger.TEN.pow(Math.max(plain.scale(), 0));
    if (plain.scale() < 0) {
      numerator = numerator.multiply(BigInteger.TEN.pow(-plain.scale()));
    }
    BigInteger gcd = numerator.gcd(denominator);
    return new BigDecimal[] {new BigDecimal(numerator.divide(gcd)), new BigDecimal(denominator.divide(gcd))};
  }

  private static BigDecimal number(JsonNode row, String field) {
    JsonNode node = row.path(field);
    return node.isMissingNode() || node.isNull() || node.asText().isBlank() ? null : JsonBodies.decimal(node);
  }

  private static Long volume(JsonNode node) {
    return node.isMissingNode() || node.isNull() || node.asText().isBlank() ? null : JsonBodies.wholeNumber(node);
  }
}
