package io.aiinvest.datahub.provider.stooq;

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
import io.aiinvest.datahub.provider.http.ProviderHttp;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Daily bars from Stooq's CSV download, {@code GET {base}/q/d/l/?s={symbol}.us&i=d&d1=YYYYMMDD&d2=YYYYMMDD}: header
 * {@code Date,Open,High,Low,Close,Volume}, CRLF lines, ascending dates. No corporate actions.
 *
 * <p>The series is {@link PriceBasis#FULLY_ADJUSTED}: measured against Yahoo (shared fixtures' Stooq README), Stooq's
 * SPY close of 2021-01-04 is 347.236 where the traded close was 368.79 and Yahoo's adjusted close 346.23, a constant
 * ratio over years, so Stooq scales history for dividends as well as splits. Its closes must never be stored as
 * traded prices, and without dividend events ingest cannot undo the scaling: Stooq is a last-resort fallback.
 */
public final class StooqProvider implements BarProvider {
  public static final ProviderId ID = ProviderId.of("stooq");
  public static final URI DEFAULT_BASE_URL = URI.create("https://stooq.com");
  private static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
      .setHeader()
      .setSkipHeaderRecord(true)
      .setIgnoreSurroundingSpaces(true)
      .setIgnoreEmptyLines(true)
      .get();

  private final ProviderHttp http;

  public StooqProvider(ProviderHttp http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public ProviderId id() {
    return http.id();
  }

  /**
   * Stooq's name for a US listing: lower case with {@code .us}, class shares with a dash ({@code brk-b.us});
   * indices ({@code ^spx}) have no market suffix.
   */
  static String stooqSymbol(Symbol symbol) {
    String lower = symbol.value().toLowerCase(Locale.ROOT);
    return lower.startsWith("^") ? lower : lower.replace('.', '-') + ".us";
  }

  @Override
  public ProviderBars fetch(Symbol symbol, DateRange range) {
    StringBuilder uri = new StringBuilder(http.settings().baseUrl().toString())
        .append("/q/d/l/?s=")
        .append(URLEncoder.encode(stooqSymbol(symbol), StandardCharsets.UTF_8))
        .append("&i=d");
    range.from().ifPresent(from -> uri.append("&d1=").append(from.format(COMPACT_DATE)));
    range.to().ifPresent(to -> uri.append("&d2=").append(to.format(COMPACT_DATE)));
    HttpReply reply = http.get(URI.create(uri.toString()), Map.of("Accept", "text/csv"));
    return parse(symbol, range, reply);
  }

  private ProviderBars parse(Symbol symbol, DateRange range, HttpReply reply) {
    String body = reply.body().strip();
    String lower = body.toLowerCase(Locale.ROOT);
    if (lower.startsWith("no data")) {
      throw new ProviderException(http.id(), Kind.NO_DATA, symbol + " " + range + ": Stooq has no data");
    }
    if (lower.contains("exceeded the daily hits limit")) {
      throw new ProviderException(
          http.id(), Kind.RATE_LIMITED, "Stooq's daily download limit is used up: " + reply.snippet());
    }
    if (!reply.isSuccess() || !lower.startsWith("date,")) {
      throw new ProviderException(
          http.id(),
          Kind.BAD_RESPONSE,
          "GET " + reply.where() + " -> HTTP " + reply.status() + " is not Stooq's daily CSV: " + reply.snippet());
    }
    ProviderBarsBuilder builder = new ProviderBarsBuilder(symbol, http.id(), range);
    try (CSVParser csv = CSVParser.parse(new StringReader(body), FORMAT)) {
      boolean hasVolume = csv.getHeaderMap().containsKey("Volume");
      for (CSVRecord row : csv) {
        addRow(builder, row, hasVolume, reply.where());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new ProviderException(
          http.id(), Kind.BAD_RESPONSE, "GET " + reply.where() + ": malformed CSV (" + e.getMessage() + ")");
    }
    if (builder.isEmpty()) {
      throw new ProviderException(http.id(), Kind.NO_DATA, symbol + " " + range + ": Stooq sent no rows in range");
    }
    return builder.build(PriceBasis.FULLY_ADJUSTED);
  }

  private void addRow(ProviderBarsBuilder builder, CSVRecord row, boolean hasVolume, String where) {
    LocalDate date;
    try {
      date = LocalDate.parse(row.get("Date"));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new ProviderException(
          http.id(),
          Kind.BAD_RESPONSE,
          "GET " + where + ": line " + (row.getRecordNumber() + 1) + " has no readable date: "
              + String.join(",", row.values()));
    }
    try {
      builder.addRow(
          date,
          number(row, "Open"),
          number(row, "High"),
          number(row, "Low"),
          number(row, "Close"),
          // Stooq's indices carry no volume column; their volume is not known, and 0 is what the store keeps then.
          hasVolume ? wholeNumber(row, "Volume") : Long.valueOf(0),
          null);
    } catch (NumberFormatException | ArithmeticException e) {
      builder.reject(
          date,
          ProviderBarsBuilder.UNREADABLE_VALUE,
          "stooq line " + (row.getRecordNumber() + 1) + " has a value that is not a number: "
              + String.join(",", row.values()));
    }
  }

  private static BigDecimal number(CSVRecord row, String column) {
    String value = row.isSet(column) ? row.get(column) : "";
    return value.isEmpty() ? null : new BigDecimal(value);
  }

  private static Long wholeNumber(CSVRecord row, String column) {
    BigDecimal value = number(row, column);
    return value == null ? null : value.setScale(0, RoundingMode.HALF_UP).longValueExact();
  }
}
