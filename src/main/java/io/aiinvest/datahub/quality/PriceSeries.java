package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.BarSeries;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One symbol's stored series as the checks judge it: closes and volumes split-adjusted to the latest share count
 * (ARCHITECTURE.md: a split n:m scales earlier prices by m/n and earlier volumes by n/m), daily log returns of the
 * adjusted close, and the recorded dividends and splits placed on the bars of their ex-dates. Computed here from the
 * stored corporate actions rather than through the {@code adjust} package, so the quality suite reads history once.
 *
 * <p>An action whose ex-date falls on a day without a bar is placed on the next bar: that is the first price that
 * carries it.
 */
final class PriceSeries {
  private final BarSeries bars;
  private final double[] adjustedClose;
  private final double[] adjustedVolume;
  private final double[] logReturn;
  private final List<Dividend> dividends;
  private final Map<Integer, Double> dividendAmounts;
  private final Map<Integer, Double> splitRatios;
  private final List<Double> recordedRatios;

  /**
   * A recorded dividend placed on a bar: its ex-date, the cash amount and the same restated to the latest share
   * count.
   */
  record Dividend(int index, LocalDate exDate, double amount, double adjustedAmount) {}

  private PriceSeries(BarSeries bars) {
    this.bars = bars;
    int n = bars.size();
    List<CorporateAction> splits = new ArrayList<>();
    List<CorporateAction> cash = new ArrayList<>();
    for (CorporateAction action : bars.actions()) {
      (action.type() == ActionType.SPLIT ? splits : cash).add(action);
    }
    // factor[i] = product of m/n over splits with ex-date after bar i, walked backwards from the latest bar.
    double[] factor = new double[n];
    splits.sort((a, b) -> b.exDate().compareTo(a.exDate()));
    double running = 1;
    int next = 0;
    for (int i = n - 1; i >= 0; i--) {
      while (next < splits.size() && splits.get(next).exDate().toEpochDay() > bars.epochDay(i)) {
        running /= splits.get(next).splitRatio().doubleValue();
        next++;
      }
      factor[i] = running;
    }
    adjustedClose = new double[n];
    adjustedVolume = new double[n];
    logReturn = new double[n];
    for (int i = 0; i < n; i++) {
      adjustedClose[i] = bars.close(i) * factor[i];
      adjustedVolume[i] = bars.volume(i) / factor[i];
      logReturn[i] = i == 0 ? Double.NaN : Math.log(adjustedClose[i] / adjustedClose[i - 1]);
    }
    splitRatios = new HashMap<>();
    recordedRatios = new ArrayList<>();
    for (CorporateAction split : splits) {
      recordedRatios.add(split.splitRatio().doubleValue());
      int at = indexOnOrAfter(split.exDate());
      if (at < n) {
        splitRatios.merge(at, split.splitRatio().doubleValue(), (x, y) -> x * y);
      }
    }
    dividends = new ArrayList<>();
    dividendAmounts = new HashMap<>();
    cash.sort((a, b) -> a.exDate().compareTo(b.exDate()));
    for (CorporateAction dividend : cash) {
      int at = indexOnOrAfter(dividend.exDate());
      if (at < n) {
        double amount = dividend.dividendAmount().orElseThrow().doubleValue();
        dividends.add(new Dividend(at, dividend.exDate(), amount, amount * factor[at]));
        dividendAmounts.merge(at, amount * factor[at], Double::sum);
      }
    }
  }

  static PriceSeries of(BarSeries bars) {
    return new PriceSeries(bars);
  }

  Symbol symbol() {
    return bars.symbol();
  }

  int size() {
    return bars.size();
  }

  LocalDate date(int i) {
    return bars.date(i);
  }

  int epochDay(int i) {
    return bars.epochDay(i);
  }

  /** The stored (as-traded) close. */
  double close(int i) {
    return bars.close(i);
  }

  /** The stored (as-traded) volume. */
  long volume(int i) {
    return bars.volume(i);
  }

  double adjustedClose(int i) {
    return adjustedClose[i];
  }

  double adjustedVolume(int i) {
    return adjustedVolume[i];
  }

  /** Log return of the adjusted close from the previous bar; NaN for the first bar. */
  double logReturn(int i) {
    return logReturn[i];
  }

  /**
   * The log return the recorded dividends on bar i explain (ln(1 − D / previous close), all of that bar's dividends
   * together); 0 without one, negative infinity when they reach the previous close.
   */
  double dividendReturn(int i) {
    Double amount = dividendAmounts.get(i);
    if (amount == null || i == 0) {
      return 0;
    }
    double fraction = amount / adjustedClose[i - 1];
    return fraction < 1 ? Math.log(1 - fraction) : Double.NEGATIVE_INFINITY;
  }

  boolean hasDividend(int i) {
    return dividendAmounts.containsKey(i);
  }

  /** Dividends on bars, by ex-date. */
  List<Dividend> dividends() {
    return List.copyOf(dividends);
  }

  boolean hasSplit(int i) {
    return splitRatios.containsKey(i);
  }

  /** Ratios (new shares per old) of the symbol's recorded splits. */
  List<Double> recordedSplitRatios() {
    return recordedRatios;
  }

  /** Index of the first bar on or after the date; {@link #size()} when there is none. */
  int indexOnOrAfter(LocalDate date) {
    long day = date.toEpochDay();
    int low = 0;
    int high = bars.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (bars.epochDay(mid) < day) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
