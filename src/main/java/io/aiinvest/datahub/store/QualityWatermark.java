package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.Symbol;
import java.time.LocalDate;
import java.util.Objects;

/**
 * How far one check has examined one symbol: the last bar date an incremental run covered. The next incremental run
 * starts after it (plus the check's trailing window as context).
 */
public record QualityWatermark(Symbol symbol, String checkType, LocalDate checkedThrough) {
  public QualityWatermark {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(checkType, "checkType");
    Objects.requireNonNull(checkedThrough, "checkedThrough");
  }
}
