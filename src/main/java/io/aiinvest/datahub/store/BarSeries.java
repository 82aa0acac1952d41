package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.Symbol;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One symbol's stored (as-traded) closes and volumes in columns, oldest first, with its corporate actions: what the
 * data-quality checks read, without building a {@link DailyBar} per row. Closes are doubles because they feed
 * statistics only; nothing computed from them is stored as a price.
 *
 * <p>Immutable: the arrays are copied in and only single values are handed out.
 *
 * @param actions the symbol's splits and dividends with ex-date on or after the first date asked for (later splits
 *     restate earlier prices, so they are included even past the last bar)
 */
public final class BarSeries {
  private final Symbol symbol;
  private final int[] epochDays;
  private final double[] closes;
  private final long[] volumes;
  private final List<CorporateAction> actions;

  public BarSeries(Symbol symbol, int[] epochDays, double[] closes, long[] volumes, int size,
      List<CorporateAction> actions) {
    this.symbol = Objects.requireNonNull(symbol, "symbol");
    if (size < 0 || size > epochDays.length || size > closes.length || size > volumes.length) {
      throw new DatahubException("series of " + symbol + ": size " + size + " exceeds its columns");
    }
    this.epochDays = Arrays.copyOf(epochDays, size);
    this.closes = Arrays.copyOf(closes, size);
    this.volumes = Arrays.copyOf(volumes, size);
    this.actions = List.copyOf(actions);
    for (int i = 1; i < size; i++) {
      if (this.epochDays[i] <= this.epochDays[i - 1]) {
        throw new DatahubException("series of " + symbol + " is not in strictly ascending date order at "
            + date(i));
      }
    }
  }

  /** The series of stored bars, as the default store implementation reads them. */
  public static BarSeries of(Symbol symbol, List<DailyBar> bars, List<CorporateAction> actions) {
    int[] days = new int[bars.size()];
    double[] closes = new double[bars.size()];
    long[] volumes = new long[bars.size()];
    for (int i = 0; i < bars.size(); i++) {
      DailyBar bar = bars.get(i);
      days[i] = (int) bar.date().toEpochDay();
      closes[i] = bar.close().doubleValue();
      volumes[i] = bar.volume();
    }
    return new BarSeries(symbol, days, closes, volumes, bars.size(), actions);
  }

  public Symbol symbol() {
    return symbol;
  }

  public int size() {
    return epochDays.length;
  }

  public LocalDate date(int i) {
    return LocalDate.ofEpochDay(epochDays[i]);
  }

  public int epochDay(int i) {
    return epochDays[i];
  }

  public double close(int i) {
    return closes[i];
  }

  public long volume(int i) {
    return volumes[i];
  }

  public List<CorporateAction> actions() {
    return actions;
  }
}
