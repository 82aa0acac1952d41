package io.aiinvest.datahub.calendar;

import io.aiinvest.datahub.domain.DatahubException;
import java.time.LocalDate;
import java.time.LocalTime;

/** A one-off day on which the exchange closed early although its rules do not say so. */
public record SpecialEarlyClose(LocalDate date, LocalTime close, String name) {
  public SpecialEarlyClose {
    if (date == null || close == null || name == null || name.isBlank()) {
      throw new DatahubException(
          "special early close needs 'date', 'close' and 'name', got " + date + ", " + close + ", " + name);
    }
  }
}
