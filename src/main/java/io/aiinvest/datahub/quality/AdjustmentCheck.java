package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.adjust.AdjustmentCrossCheck;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The adjustment cross-check as a quality check for {@link QualityRunner}: a symbol whose total-adjusted close does
 * not keep a constant ratio to the provider's adjusted close, or whose factors cannot be computed, gets a finding
 * (docs/adjustments.md, section 6).
 */
public final class AdjustmentCheck implements QualityCheck {
  private final AdjustmentCrossCheck crossCheck;

  public AdjustmentCheck(AdjustmentCrossCheck crossCheck) {
    this.crossCheck = crossCheck;
  }

  @Override
  public String name() {
    return AdjustmentCrossCheck.CHECK_TYPE;
  }

  @Override
  public List<QualityFinding> check(List<SymbolInfo> symbols, DateRange range) {
    List<QualityFinding> findings = new ArrayList<>();
    for (SymbolInfo symbol : symbols) {
      crossCheck.finding(crossCheck.check(symbol.symbol(), range)).ifPresent(findings::add);
    }
    return findings;
  }
}
