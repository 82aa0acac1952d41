package io.aiinvest.datahub.adjust;

import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The factor one corporate action applies to every bar before its ex-date (docs/adjustments.md): m/n on prices and
 * n/m on volumes for a split n:m; {@code 1 − D / close(t−1)} on prices for a cash dividend D with ex-date t.
 *
 * @param previousBar for a dividend, the stored bar whose close it is measured against: the latest one before t
 * @param priceFactor empty when it cannot be computed; {@link #problem} then says why
 * @param volumeFactor n/m for a split, 1 for a dividend
 */
public record ActionFactor(
    CorporateAction action,
    Optional<DailyBar> previousBar,
    Optional<BigDecimal> priceFactor,
    BigDecimal volumeFactor,
    Optional<String> problem) {

  public ActionFactor {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(previousBar, "previousBar");
    Objects.requireNonNull(priceFactor, "priceFactor");
    Objects.requireNonNull(volumeFactor, "volumeFactor");
    Objects.requireNonNull(problem, "problem");
    if (priceFactor.isEmpty() == problem.isEmpty()) {
      throw new IllegalArgumentException("an action factor has either a price factor or a problem");
    }
  }

  /** Whether a series in {@code mode} folds this action in: splits in split and total, dividends in total only. */
  public boolean appliesIn(AdjustMode mode) {
    return switch (mode) {
      case NONE -> false;
      case SPLIT -> action.type() == ActionType.SPLIT;
      case TOTAL -> true;
    };
  }

  /** The price factor; throws, naming the action and the fix, when it cannot be computed. */
  public BigDecimal getPriceFactor() {
    return priceFactor.orElseThrow(() -> new AdjustmentException("cannot adjust " + action.symbol() + " before "
        + action.exDate() + ": " + problem.orElseThrow()));
  }
}
