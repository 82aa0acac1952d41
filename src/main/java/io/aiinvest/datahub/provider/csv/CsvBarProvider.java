package io.aiinvest.datahub.provider.csv;

import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.InvalidBarException;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads daily bars from CSV files in the common layouts: Yahoo / yfinance exports ({@code Date} or {@code Datetime},
 * Open, High, Low, Close, Adj Close, Volume, optional Dividends and Stock Splits) and Stooq
 * ({@code Date,Open,High,Low,Close,Volume}). A path is either one file or a directory of {@code SYMBOL.csv} files.
 *
 * <p>A malformed file (missing column, unparsable number or date, no rows, a date twice) fails as a whole with the
 * file, line and column named. A well-formed row that breaks a bar rule (high below low, missing prices) becomes a
 * {@link Rejection} and the rest of the file is kept.
 */
public final class CsvBarProvider implements BarProvider {
  private final Path path;
  private final Optional<PriceBasis> declaredBasis;

  /**
   * @param declaredBasis what the file's prices carry; when empty, split-adjusted for the Yahoo layout (whose Close
   *     is split-adjusted as of the download and whose Stock Splits column gives the ratios), as-traded otherwise
   */
  public CsvBarProvider(Path path, Optional<PriceBasis> declaredBasis) {
    this.path = path;
    this.declaredBasis = declaredBasis;
  }

  @Override
  public ProviderId id() {
    return ProviderId.CSV;
  }

  /** The file holding a symbol's bars: the path itself, or {@code SYMBOL.csv} inside it when it is a directory. */
  public Path fileFor(Symbol symbol) {
    if (!Files.isDirectory(path)) {
      return path;
    }
    Path exact = path.resolve(symbol.value() + ".csv");
    if (Files.exists(exact)) {
      return exact;
    }
    // yfinance-style names use '-' where the ticker has '.', e.g. BRK-B.csv for BRK.B.
    Path dashed = path.resolve(symbol.value().replace('.', '-') + ".csv");
    return Files.exists(dashed) ? dashed : exact;
  }

  @Override
  public ProviderBars fetch(Symbol symbol, DateRange range) {
    Path file = fileFor(symbol);
    if (!Files.isRegularFile(file)) {
      throw new ProviderException(ProviderId.CSV, ProviderException.Kind.BAD_INPUT,
          "no file for " + symbol + ": " + file + " does not exist");
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(symbol, file, reader, range);
    } catch (IOException | UncheckedIOException e) {
      throw new CsvFormatException(file, 0, null, "cannot read the file (" + e.getMessage() + ")");
    }
  }

  private ProviderBars parse(Symbol symbol, Path file, Reader reader, DateRange range) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .setIgnoreSurroundingSpaces(true)
        .setIgnoreEmptyLines(true)
        .setAllowMissingColumnNames(true)
        .get();
    CSVParser parser;
    try {
      parser = CSVParser.builder().setReader(reader).setFormat(format).get();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new CsvFormatException(file, 1, null, "unreadable header (" + e.getMessage() + ")");
    }
    try (parser) {
      Columns columns = Columns.resolve(file, parser.getHeaderNames());
      PriceBasis basis = declaredBasis.orElse(columns.isYahooLayout() ? PriceBasis.SPLIT_ADJUSTED : PriceBasis.AS_TRADED);
      List<DailyBar> bars = new ArrayList<>();
      List<CorporateAction> actions = new ArrayList<>();
      List<Rejection> rejections = new ArrayList<>();
      Map<LocalDate, Long> seen = new HashMap<>();
      LocalDate firstInRange = null;
      LocalDate lastInRange = null;
      long rows = 0;
      try {
        for (CSVRecord record : parser) {
          rows++;
          long line = record.getParser().getCurrentLineNumber();
          RowReader row = new RowReader(file, line, record);
          LocalDate date = row.date(columns.date());
          Long earlier = seen.putIfAbsent(date, line);
          if (earlier != null) {
            throw new CsvFormatException(file, line, columns.date(), "date " + date + " appears twice (also line "
                + earlier + ")");
          }
          if (range.contains(date)) {
            firstInRange = firstInRange == null || date.isBefore(firstInRange) ? date : firstInRange;
            lastInRange = lastInRange == null || date.isAfter(lastInRange) ? date : lastInRange;
          }
          readRow(symbol, row, columns, date, range, bars, actions, rejections);
        }
      } catch (UncheckedIOException | IllegalStateException e) {
        throw new CsvFormatException(file, parser.getCurrentLineNumber(), null, "broken CSV (" + e.getMessage() + ")");
      }
      if (rows == 0) {
        throw new CsvFormatException(file, 0, null, "the file has a header but no rows");
      }
      bars.sort(Comparator.comparing(DailyBar::date));
      actions.sort(Comparator.comparing(CorporateAction::exDate));
      // With both action columns every row states its dividend and split, so the file's actions are complete over
      // the days it covers; without them it says nothing about actions.
      Optional<DateRange> coverage = columns.dividends().isPresent() && columns.splits().isPresent()
          && firstInRange != null ? Optional.of(DateRange.of(firstInRange, lastInRange)) : Optional.empty();
      return new ProviderBars(symbol, ProviderId.CSV, basis, bars, actions, rejections, coverage);
    }
  }

  private static void readRow(Symbol symbol, RowReader row, Columns columns, LocalDate date, DateRange range,
      List<DailyBar> bars, List<CorporateAction> actions, List<Rejection> rejections) {
    Optional<BigDecimal> open = row.number(columns.open());
    Optional<BigDecimal> high = row.number(columns.high());
    Optional<BigDecimal> low = row.number(columns.low());
    Optional<BigDecimal> close = row.number(columns.close());
    Optional<BigDecimal> volume = row.number(columns.volume());
    Optional<BigDecimal> adjClose = columns.adjClose().flatMap(row::number);
    Optional<BigDecimal> dividend = columns.dividends().flatMap(row::number);
    Optional<BigDecimal> split = columns.splits().flatMap(row::number);
    if (!range.contains(date)) {
      return;
    }
    if (dividend.isPresent() && dividend.get().signum() != 0) {
      actions.add(action(symbol, row, date, ActionType.DIVIDEND, dividend.get()));
    }
    if (split.isPresent() && split.get().signum() != 0 && split.get().compareTo(BigDecimal.ONE) != 0) {
      actions.add(action(symbol, row, date, ActionType.SPLIT, split.get()));
    }
    if (open.isEmpty() || high.isEmpty() || low.isEmpty() || close.isEmpty() || volume.isEmpty()) {
      rejections.add(new Rejection(symbol, date, "missing_values", "line " + row.line()
          + ": open, high, low, close and volume are required (empty or NaN found)"));
      return;
    }
    long shares;
    try {
      shares = volume.get().longValueExact();
    } catch (ArithmeticException e) {
      throw new CsvFormatException(row.file(), row.line(), columns.volume(),
          "volume '" + volume.get().toPlainString() + "' is not a whole number of shares");
    }
    try {
      bars.add(new DailyBar(symbol, date, open.get(), high.get(), low.get(), close.get(), shares, adjClose,
          ProviderId.CSV));
    } catch (InvalidBarException e) {
      Rejection rejection = e.toRejection();
      rejections.add(new Rejection(symbol, date, rejection.rule(), "line " + row.line() + ": " + rejection.reason()));
    }
  }

  private static CorporateAction action(Symbol symbol, RowReader row, LocalDate date, ActionType type,
      BigDecimal value) {
    try {
      return type == ActionType.SPLIT
          ? CorporateAction.split(symbol, date, value, BigDecimal.ONE, ProviderId.CSV)
          : CorporateAction.dividend(symbol, date, value, Optional.empty(), ProviderId.CSV);
    } catch (DatahubException e) {
      throw new CsvFormatException(row.file(), row.line(), type == ActionType.SPLIT ? "Stock Splits" : "Dividends",
          e.getMessage());
    }
  }

  /** The header names of the columns this file uses. */
  private record Columns(
      String date,
      String open,
      String high,
      String low,
      String close,
      String volume,
      Optional<String> adjClose,
      Optional<String> dividends,
      Optional<String> splits) {

    boolean isYahooLayout() {
      return adjClose.isPresent() || dividends.isPresent() || splits.isPresent();
    }

    static Columns resolve(Path file, List<String> headers) {
      Map<String, String> byKey = new HashMap<>();
      for (String header : headers) {
        if (header != null) {
          byKey.putIfAbsent(key(header), header);
        }
      }
      return new Columns(
          first(byKey, "date", "datetime", "formatteddate", "timestamp")
              .orElseThrow(() -> missing(file, "Date", headers)),
          required(file, byKey, "open", headers),
          required(file, byKey, "high", headers),
          required(file, byKey, "low", headers),
          required(file, byKey, "close", headers),
          required(file, byKey, "volume", headers),
          first(byKey, "adjclose"),
          first(byKey, "dividends"),
          first(byKey, "stocksplits"));
    }

    private static String key(String header) {
      return header.strip().toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "").replace("\uFEFF", "");
    }

    private static Optional<String> first(Map<String, String> byKey, String... keys) {
      for (String key : keys) {
        if (byKey.containsKey(key)) {
          return Optional.of(byKey.get(key));
        }
      }
      return Optional.empty();
    }

    private static String required(Path file, Map<String, String> byKey, String key, List<String> headers) {
      return first(byKey, key).orElseThrow(
          () -> missing(file, key.substring(0, 1).toUpperCase(Locale.ROOT) + key.substring(1), headers));
    }

    private static CsvFormatException missing(Path file, String column, List<String> headers) {
      return new CsvFormatException(file, 1, column, "missing column (the header has " + headers + ")");
    }
  }

  /** Typed access to one record's cells, failing with the cell's line and column. */
  private record RowReader(Path file, long line, CSVRecord record) {
    String cell(String column) {
      if (!record.isMapped(column) || !record.isSet(column)) {
        throw new CsvFormatException(file, line, column, "the row has too few fields");
      }
      return record.get(column).strip();
    }

    LocalDate date(String column) {
      String raw = cell(column);
      try {
        // Yahoo exports carry the exchange's local midnight with its offset ("2022-06-06 00:00:00+01:00"): the
        // local date part is the session date, whatever the offset.
        if (raw.length() >= 10 && raw.charAt(4) == '-') {
          return LocalDate.parse(raw.substring(0, 10));
        }
        if (raw.length() == 8 && raw.chars().allMatch(Character::isDigit)) {
          return LocalDate.parse(raw.substring(0, 4) + "-" + raw.substring(4, 6) + "-" + raw.substring(6));
        }
      } catch (DateTimeParseException e) {
        // reported below with the cell's text
      }
      throw new CsvFormatException(file, line, column, "cannot read '" + abbreviate(raw) + "' as a date (expected"
          + " YYYY-MM-DD)");
    }

    Optional<BigDecimal> number(String column) {
      String raw = cell(column);
      String lower = raw.toLowerCase(Locale.ROOT);
      if (raw.isEmpty() || lower.equals("nan") || lower.equals("null") || lower.equals("none")) {
        return Optional.empty();
      }
      try {
        return Optional.of(new BigDecimal(raw));
      } catch (NumberFormatException e) {
        throw new CsvFormatException(file, line, column, "cannot read '" + abbreviate(raw) + "' as a number");
      }
    }

    private static String abbreviate(String raw) {
      return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }
  }
}
