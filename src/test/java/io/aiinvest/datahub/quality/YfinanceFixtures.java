package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.Symbol;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The yfinance repair fixtures of {@code src/test/resources/yfinance-repair/} (see its README): which files pair up,
 * the symbol each is imported as, and the known-bad stretches of a bad file (where it differs from its fixed version).
 */
final class YfinanceFixtures {
  /** The stored columns a difference between the versions is looked for in. */
  static final List<String> COMPARED = List.of("Open", "High", "Low", "Close", "Volume", "Dividends", "Stock Splits");

  private YfinanceFixtures() {}

  /** One fixture file. */
  record Fixture(Path file, Symbol symbol, String ticker, String problem, Role role) {
    String name() {
      return file.getFileName().toString();
    }
  }

  enum Role { BAD, FIXED, CLEAN }

  /** Consecutive known-bad sessions of a bad file, and the session after them. */
  record Stretch(Fixture bad, LocalDate first, LocalDate last, Optional<LocalDate> next, List<String> columns) {
    boolean matches(LocalDate date) {
      return !date.isBefore(first) && (!date.isAfter(last) || next.map(date::equals).orElse(false));
    }

    boolean dividendOnly() {
      return columns.equals(List.of("Dividends"));
    }

    @Override
    public String toString() {
      return bad.ticker() + " " + first + (first.equals(last) ? "" : ".." + last) + " " + columns;
    }
  }

  static Path directory() {
    try {
      return Path.of(YfinanceFixtures.class.getResource("/yfinance-repair/README.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Fixture> all() {
    try (Stream<Path> files = Files.list(directory())) {
      return files.filter(f -> f.toString().endsWith(".csv")).sorted().map(YfinanceFixtures::fixture).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code AET-L-1d-100x-error-fixed.csv} becomes AET.L, problem 100x-error, FIXED, symbol AET.L-UFX. */
  private static Fixture fixture(Path file) {
    String name = file.getFileName().toString().replace(".csv", "");
    String ticker = name.substring(0, name.indexOf("-1d-")).replace('-', '.');
    String rest = name.substring(name.indexOf("-1d-") + 4);
    Role role = rest.endsWith("-fixed") ? Role.FIXED : rest.startsWith("no-bad") ? Role.CLEAN : Role.BAD;
    String problem = rest.replace("-fixed", "");
    String code = problem.contains("div") ? "D"
        : problem.contains("split") ? "S"
        : problem.contains("100x") ? "U"
        : "C";
    String suffix = switch (role) {
      case BAD -> "-" + code + "BAD";
      case FIXED -> "-" + code + "FX";
      case CLEAN -> "-OK";
    };
    return new Fixture(file, new Symbol(ticker + suffix), ticker, problem, role);
  }

  /** The fixed version of a bad fixture. */
  static Fixture fixedOf(Fixture bad, List<Fixture> all) {
    String wanted = bad.name().replace(".csv", "-fixed.csv");
    return all.stream().filter(f -> f.name().equals(wanted)).findFirst().orElseThrow();
  }

  /** The file's rows by session date (sorted), each a map of column to value (NaN when empty or not a number). */
  static TreeMap<LocalDate, Map<String, Double>> rows(Path file) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    TreeMap<LocalDate, Map<String, Double>> rows = new TreeMap<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      String dateColumn = parser.getHeaderNames().contains("Date") ? "Date" : "Datetime";
      for (CSVRecord record : parser) {
        Map<String, Double> values = new TreeMap<>();
        for (String column : COMPARED) {
          values.put(column, record.isMapped(column) ? number(record.get(column)) : Double.NaN);
        }
        rows.put(LocalDate.parse(record.get(dateColumn).substring(0, 10)), values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static double number(String text) {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The known-bad stretches of a bad file against its fixed version. */
  static List<Stretch> stretches(Fixture bad, Fixture fixed) {
    TreeMap<LocalDate, Map<String, Double>> badRows = rows(bad.file());
    TreeMap<LocalDate, Map<String, Double>> fixedRows = rows(fixed.file());
    List<LocalDate> dates = new ArrayList<>(badRows.keySet());
    List<Stretch> stretches = new ArrayList<>();
    int i = 0;
    while (i < dates.size()) {
      List<String> columns = differing(badRows.get(dates.get(i)), fixedRows.get(dates.get(i)));
      if (columns.isEmpty()) {
        i++;
        continue;
      }
      int j = i;
      List<String> all = new ArrayList<>(columns);
      while (j + 1 < dates.size()) {
        List<String> next = differing(badRows.get(dates.get(j + 1)), fixedRows.get(dates.get(j + 1)));
        if (next.isEmpty()) {
          break;
        }
        next.stream().filter(c -> !all.contains(c)).forEach(all::add);
        j++;
      }
      Optional<LocalDate> after = j + 1 < dates.size() ? Optional.of(dates.get(j + 1)) : Optional.empty();
      stretches.add(new Stretch(bad, dates.get(i), dates.get(j), after, List.copyOf(all)));
      i = j + 1;
    }
    return stretches;
  }

  private static List<String> differing(Map<String, Double> bad, Map<String, Double> fixed) {
    List<String> columns = new ArrayList<>();
    if (fixed == null) {
      return COMPARED;
    }
    for (String column : COMPARED) {
      double a = bad.get(column);
      double b = fixed.get(column);
      boolean same = Double.isNaN(a) && Double.isNaN(b)
          || Math.abs(a - b) <= 1e-4 * Math.max(Math.max(Math.abs(a), Math.abs(b)), 1e-12);
      if (!same) {
        columns.add(column);
      }
    }
    return columns;
  }
}
