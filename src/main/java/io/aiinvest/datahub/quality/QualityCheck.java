package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.util.List;

/**
 * One data-quality check. It reads the store and returns findings without writing them; {@link QualityRunner} logs
 * them. A clean symbol gets no finding.
 */
public interface QualityCheck {
  /** The {@code check_type} its findings carry in {@code data_quality_log}. */
  String name();

  /** Findings for the symbols over {@code range} (their whole history for {@link DateRange#ALL}). */
  List<QualityFinding> check(List<SymbolInfo> symbols, DateRange range);

  default List<QualityFinding> check(SymbolInfo symbol, DateRange range) {
    return check(List.of(symbol), range);
  }
}
