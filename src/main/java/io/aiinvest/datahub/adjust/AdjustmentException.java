package io.aiinvest.datahub.adjust;

import io.aiinvest.datahub.domain.DatahubException;

/**
 * An adjusted series was asked for, but one action's factor cannot be computed (a dividend without a usable previous
 * close, or one that is not below it). Never answered with a factor of 1: the message names the action and the fix.
 */
public final class AdjustmentException extends DatahubException {
  public AdjustmentException(String message) {
    super(message);
  }
}
