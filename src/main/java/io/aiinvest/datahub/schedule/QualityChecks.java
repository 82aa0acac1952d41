package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.util.List;

/**
 * The data-quality checks the 21:00 job runs: checks the symbols over the range, logs the findings to the
 * data-quality log and returns them as logged. The quality suite's runner (issue 6) has this shape.
 */
@FunctionalInterface
public interface QualityChecks {
  List<QualityFinding> run(List<SymbolInfo> symbols, DateRange range);
}
