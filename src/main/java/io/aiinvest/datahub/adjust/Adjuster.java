package io.aiinvest.datahub.adjust;

import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.MarketStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves adjusted series computed at read time from the stored as-traded bars and corporate actions, so a new,
 * revised or withdrawn action changes every later read and never a stored bar.
 */
public final class Adjuster {
  private final MarketStore store;

  public Adjuster(MarketStore store) {
    this.store = store;
  }

  /** The symbol's stored bars in the range, oldest first, adjusted in {@code mode}. */
  public List<AdjustedBar> bars(Symbol symbol, DateRange range, AdjustMode mode) {
    List<DailyBar> stored = store.bars(symbol, range);
    AdjustmentFactors factors = mode == AdjustMode.NONE
        ? AdjustmentFactors.of(symbol, List.of(), Map.of())
        : factors(symbol, range);
    List<AdjustedBar> adjusted = new ArrayList<>(stored.size());
    for (DailyBar bar : stored) {
      adjusted.add(factors.apply(bar, mode));
    }
    return adjusted;
  }

  /**
   * The actions with ex-date in the range, each with its own factor (a dividend's with the previous close it is
   * measured against), oldest first.
   */
  public List<ActionFactor> actionFactors(Symbol symbol, DateRange exDates) {
    List<CorporateAction> actions = store.actions(symbol, exDates);
    return AdjustmentFactors.of(symbol, actions, store.previousBars(symbol, dividendDates(actions))).actions();
  }

  /**
   * The factors that apply to bars in the range: every action with ex-date after the range's start, including those
   * after its end (they scale it too), each dividend with the close of the latest stored bar before its ex-date,
   * also when that bar lies before the range.
   */
  public AdjustmentFactors factors(Symbol symbol, DateRange range) {
    DateRange after = new DateRange(range.from().map(d -> d.plusDays(1)), Optional.empty());
    List<CorporateAction> actions = store.actions(symbol, after);
    return AdjustmentFactors.of(symbol, actions, store.previousBars(symbol, dividendDates(actions)));
  }

  private static List<LocalDate> dividendDates(List<CorporateAction> actions) {
    return actions.stream().filter(a -> a.type() == ActionType.DIVIDEND).map(CorporateAction::exDate).toList();
  }
}
