package io.aiinvest.datahub.demo;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Symbol;
import java.util.List;

/** Runs the quality checks the build has over freshly loaded symbols and returns what they logged. */
@FunctionalInterface
public interface QualityHook {
  List<QualityFinding> check(List<Symbol> symbols, DateRange range);
}
