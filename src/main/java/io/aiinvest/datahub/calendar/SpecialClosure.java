package io.aiinvest.datahub.calendar;

import io.aiinvest.datahub.domain.DatahubException;
import java.time.LocalDate;

/** A one-off day on which the exchange did not trade although its rules say it would (storm, day of mourning). */
public record SpecialClosure(LocalDate date, String name) {
  public SpecialClosure {
    if (date == null || name == null || name.isBlank()) {
      throw new DatahubException("special closure needs a 'date' and a 'name', got " + date + ", " + name);
    }
  }
}
