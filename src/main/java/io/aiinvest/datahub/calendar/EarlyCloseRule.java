package io.aiinvest.datahub.calendar;

import io.aiinvest.datahub.domain.DatahubException;
import java.time.LocalTime;

/** A recurring day on which the exchange closes early, and the time it closes then. */
public record EarlyCloseRule(LocalTime close, AnnualRule day) {
  public EarlyCloseRule {
    if (close == null || day == null) {
      throw new DatahubException("early close rule needs both 'close' and 'day'");
    }
  }
}
