package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.InvalidBarException;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.provider.ProviderBars;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * Converts a provider's split-adjusted bars back to as-traded values (ARCHITECTURE.md, "Canonical price
 * representation"): a bar dated before a split's ex-date is multiplied by that split's ratio (n new per m old) and its
 * volume divided by it, for every split after the bar. So a bar fetched before a split and the same bar fetched after
 * it store the same values.
 *
 * <p>The splits used are those of the response plus those already stored: a provider adjusts a window for splits
 * after it too, which the response does not list. Dividend amounts are scaled back the same way (cash per share as
 * traded on the ex-date); the provider's adjusted close is kept as delivered, for the cross-check only.
 */
public final class AsTradedConverter {
  private AsTradedConverter() {}

  /**
   * The result's bars as traded and rounded to the stored {@link DailyBar#PRICE_SCALE}, with rows that no longer form
   * a valid bar added to its rejections.
   */
  public static ProviderBars toAsTraded(ProviderBars delivered, Collection<CorporateAction> storedActions) {
    if (delivered.basis() == PriceBasis.AS_TRADED) {
      List<DailyBar> bars = new ArrayList<>(delivered.bars().size());
      List<Rejection> rejections = new ArrayList<>(delivered.rejections());
      for (DailyBar bar : delivered.bars()) {
        addRounded(bar, bars, rejections);
      }
      return new ProviderBars(delivered.symbol(), delivered.source(), PriceBasis.AS_TRADED, bars, delivered.actions(),
          rejections, delivered.actionCoverage());
    }
    if (delivered.basis() == PriceBasis.FULLY_ADJUSTED) {
      throw new DatahubException(delivered.source() + " delivered dividend-adjusted prices for " + delivered.symbol()
          + ": they cannot be turned back into traded prices; use a provider with as-traded or split-adjusted data");
    }
    TreeMap<LocalDate, BigDecimal> splits = new TreeMap<>();
    for (CorporateAction action : storedActions) {
      if (action.type() == ActionType.SPLIT && action.symbol().equals(delivered.symbol())) {
        splits.put(action.exDate(), action.splitRatio());
      }
    }
    for (CorporateAction action : delivered.actions()) {
      if (action.type() == ActionType.SPLIT) {
        splits.put(action.exDate(), action.splitRatio());
      }
    }
    List<DailyBar> bars = new ArrayList<>(delivered.bars().size());
    List<Rejection> rejections = new ArrayList<>(delivered.rejections());
    for (DailyBar bar : delivered.bars()) {
      BigDecimal factor = splitsAfter(splits, bar.date());
      if (factor.compareTo(BigDecimal.ONE) == 0) {
        addRounded(bar, bars, rejections);
        continue;
      }
      try {
        // Multiplied with every digit the provider sent, rounded only once as traded.
        bars.add(new DailyBar(
            bar.symbol(),
            bar.date(),
            bar.open().multiply(factor),
            bar.high().multiply(factor),
            bar.low().multiply(factor),
            bar.close().multiply(factor),
            new BigDecimal(bar.volume()).divide(factor, 0, RoundingMode.HALF_EVEN).longValueExact(),
            bar.adjustedClose(),
            bar.source()).atPriceScale());
      } catch (InvalidBarException e) {
        rejections.add(e.toRejection());
      }
    }
    List<CorporateAction> actions = new ArrayList<>(delivered.actions().size());
    for (CorporateAction action : delivered.actions()) {
      actions.add(
          action.type() == ActionType.DIVIDEND ? asTraded(action, splitsAfter(splits, action.exDate())) : action);
    }
    return new ProviderBars(delivered.symbol(), delivered.source(), PriceBasis.AS_TRADED, bars, actions, rejections,
        delivered.actionCoverage());
  }

  private static void addRounded(DailyBar bar, List<DailyBar> bars, List<Rejection> rejections) {
    try {
      bars.add(bar.atPriceScale());
    } catch (InvalidBarException e) {
      rejections.add(e.toRejection());
    }
  }

  /** The product of the ratios of the splits with ex-date strictly after {@code date}. */
  private static BigDecimal splitsAfter(TreeMap<LocalDate, BigDecimal> splits, LocalDate date) {
    BigDecimal factor = BigDecimal.ONE;
    for (BigDecimal ratio : splits.tailMap(date, false).values()) {
      factor = factor.multiply(ratio, MathContext.DECIMAL128);
    }
    return factor;
  }

  /**
   * A split-adjusted provider divides a dividend by the later splits as it does prices (Yahoo lists AAPL's February
   * 2020 dividend as 0.1925 after the 2020 4:1 split; 0.77 was paid per share then), so it is multiplied back.
   */
  private static CorporateAction asTraded(CorporateAction dividend, BigDecimal factor) {
    if (factor.compareTo(BigDecimal.ONE) == 0) {
      return dividend;
    }
    return new CorporateAction(dividend.symbol(), dividend.type(), dividend.exDate(), dividend.splitNumerator(),
        dividend.splitDenominator(), dividend.dividendAmount().map(a -> a.multiply(factor)), dividend.currency(),
        dividend.source());
  }
}
