package io.aiinvest.datahub.bench;

import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic daily bars for benchmarks: a random walk per symbol over weekdays, valid under every bar
 * rule, sorted by symbol and date (the order the loaders are fastest with).
 */
public final class SyntheticBars {
  private static final ProviderId SOURCE = new ProviderId("bench");

  private SyntheticBars() {}

  public static Symbol symbol(int index) {
    return new Symbol(String.format("BX%05d", index));
  }

  /** Weekday dates starting 2000-01-03. */
  public static List<LocalDate> sessions(int count) {
    List<LocalDate> dates = new ArrayList<>(count);
    LocalDate date = LocalDate.of(2000, 1, 3);
    while (dates.size() < count) {
      if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
        dates.add(date);
      }
      date = date.plusDays(1);
    }
    return dates;
  }

  /**
   * About {@code totalBars} bars of {@code symbols} symbols, grouped into writes of {@code symbolsPerBatch} symbols
   * each; says on {@code out} what it generated.
   */
  public static List<List<DailyBar>> batches(int totalBars, int symbols, int symbolsPerBatch, PrintWriter out) {
    int perSymbol = Math.max(1, totalBars / symbols);
    List<LocalDate> sessions = sessions(perSymbol);
    out.printf("generating %,d bars: %,d symbols x %,d sessions (%s .. %s)%n", (long) perSymbol * symbols, symbols,
        perSymbol, sessions.get(0), sessions.get(sessions.size() - 1));
    out.flush();
    List<List<DailyBar>> batches = new ArrayList<>();
    for (int first = 0; first < symbols; first += symbolsPerBatch) {
      List<DailyBar> batch = new ArrayList<>();
      for (int i = first; i < Math.min(symbols, first + symbolsPerBatch); i++) {
        batch.addAll(forSymbol(i, sessions));
      }
      batches.add(batch);
    }
    return batches;
  }

  /** The bars of one symbol over the given sessions. */
  public static List<DailyBar> forSymbol(int index, List<LocalDate> sessions) {
    SplittableRandom random = new SplittableRandom(index * 7919L + 17);
    Symbol symbol = symbol(index);
    double price = 20 + random.nextDouble() * 200;
    List<DailyBar> bars = new ArrayList<>(sessions.size());
    for (LocalDate date : sessions) {
      double open = price;
      double close = Math.max(0.5, price * (1 + (random.nextDouble() - 0.5) * 0.04));
      double high = Math.max(open, close) * (1 + random.nextDouble() * 0.01);
      double low = Math.min(open, close) * (1 - random.nextDouble() * 0.01);
      bars.add(new DailyBar(symbol, date, money(open), money(high), money(low), money(close),
          100_000 + random.nextInt(5_000_000), Optional.empty(), SOURCE));
      price = close;
    }
    return bars;
  }

  private static BigDecimal money(double value) {
    return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN);
  }
}
