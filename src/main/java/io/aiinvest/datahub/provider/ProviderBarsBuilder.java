package io.aiinvest.datahub.provider;

import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.InvalidBarException;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Symbol;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Collects one fetch's rows into a {@link ProviderBars}, applying the same rules for every provider: rows outside
 * the requested range are dropped (Yahoo appends a live row, Stooq and Polygon may pad), a row with no prices at all
 * is not a bar and is skipped, a row with some values missing or breaking a {@link io.aiinvest.datahub.domain.BarRule}
 * becomes a {@link Rejection}, and a second row for the same date is rejected rather than silently replacing the
 * first. Not thread-safe; one per fetch.
 */
public final class ProviderBarsBuilder {
  /** Rule name of a row that lacks some of its values. */
  public static final String MISSING_VALUE = "provider_missing_value";
  /** Rule name of a row whose values could not be read as numbers or dates. */
  public static final String UNREADABLE_VALUE = "provider_unreadable_value";
  /** Rule name of a second row for a date already seen. */
  public static final String DUPLICATE_DATE = "provider_duplicate_date";
  /** Rule name of a split or dividend the domain refuses (a 1:1 split, a negative amount). */
  public static final String INVALID_ACTION = "provider_invalid_action";

  private final Symbol symbol;
  private final ProviderId source;
  private final DateRange range;
  private final List<DailyBar> bars = new ArrayList<>();
  private final List<CorporateAction> actions = new ArrayList<>();
  private final List<Rejection> rejections = new ArrayList<>();
  private final Set<LocalDate> dates = new HashSet<>();
  private int emptyRows;

  public ProviderBarsBuilder(Symbol symbol, ProviderId source, DateRange range) {
    this.symbol = symbol;
    this.source = source;
    this.range = range;
  }

  /** Adds one row as the provider sent it; any value may be null. */
  public void addRow(
      LocalDate date,
      BigDecimal open,
      BigDecimal high,
      BigDecimal low,
      BigDecimal close,
      Long volume,
      BigDecimal adjustedClose) {
    if (!range.contains(date)) {
      return;
    }
    if (open == null && high == null && low == null && close == null) {
      emptyRows++;
      return;
    }
    StringJoiner missing = new StringJoiner(", ");
    if (open == null) {
      missing.add("open");
    }
    if (high == null) {
      missing.add("high");
    }
    if (low == null) {
      missing.add("low");
    }
    if (close == null) {
      missing.add("close");
    }
    if (volume == null) {
      missing.add("volume");
    }
    if (missing.length() > 0) {
      reject(date, MISSING_VALUE, source + " sent no " + missing);
      return;
    }
    if (!dates.add(date)) {
      reject(date, DUPLICATE_DATE, source + " sent a second row for this date; the first was kept");
      return;
    }
    try {
      bars.add(new DailyBar(
          symbol, date, open, high, low, close, volume, Optional.ofNullable(adjustedClose), source));
    } catch (InvalidBarException e) {
      rejections.add(e.toRejection());
    }
  }

  /** Records a row that could not be read at all. */
  public void reject(LocalDate date, String rule, String reason) {
    rejections.add(new Rejection(symbol, date, rule, reason));
  }

  /** Adds a split or dividend inside the range; one the domain refuses becomes a rejection. */
  public void addAction(LocalDate exDate, Supplier<CorporateAction> action) {
    if (!range.contains(exDate)) {
      return;
    }
    try {
      actions.add(action.get());
    } catch (DatahubException e) {
      reject(exDate, INVALID_ACTION, e.getMessage());
    }
  }

  /** True when nothing at all was kept: no bar, no action, no rejection to report. */
  public boolean isEmpty() {
    return bars.isEmpty() && actions.isEmpty() && rejections.isEmpty();
  }

  /** Rows in range that carried no prices (Yahoo's null rows for non-trading days). */
  public int emptyRows() {
    return emptyRows;
  }

  public ProviderBars build(PriceBasis basis) {
    List<DailyBar> sortedBars = new ArrayList<>(bars);
    sortedBars.sort(Comparator.comparing(DailyBar::date));
    List<CorporateAction> sortedActions = new ArrayList<>(actions);
    sortedActions.sort(Comparator.comparing(CorporateAction::exDate).thenComparing(CorporateAction::type));
    List<Rejection> sortedRejections = new ArrayList<>(rejections);
    sortedRejections.sort(Comparator.comparing(Rejection::date));
    return new ProviderBars(symbol, source, basis, sortedBars, sortedActions, sortedRejections);
  }
}
