package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.BarFault;
import io.aiinvest.datahub.store.MarketStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bars whose values contradict each other: open or close outside [low, high], a price that is zero or negative, a
 * missing field. A stored bar cannot be like that (the domain refuses to build one and the table's constraints refuse
 * to store one), so where such bars really arrive is in provider batches, which ingest turns into rejections and
 * logs itself as {@code ohlc_ingest} findings (WARNING: they were not stored; completeness reports the hole they
 * leave), resolved once a valid bar is stored for their date ({@code ingest.RefusedRowLog}). On stored data,
 * {@link #check} runs the store's cheap guard query ({@link MarketStore#barFaults}), which stays empty unless a
 * constraint was dropped or a load path bypassed it; ERROR.
 */
public final class OhlcConsistencyCheck implements QualityCheck {
  public static final String NAME = "ohlc";

  private final MarketStore store;
  private final Clock clock;

  OhlcConsistencyCheck(MarketStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<QualityFinding> check(List<SymbolInfo> symbols, DateRange range) {
    Instant checkTime = clock.instant();
    Map<Symbol, FindingDetails.Builder> bySymbol = new TreeMap<>();
    for (BarFault fault : store.barFaults(symbols.stream().map(SymbolInfo::symbol).toList(), range)) {
      bySymbol.computeIfAbsent(fault.symbol(), s -> FindingDetails.builder())
          .item(fault.date(), Severity.ERROR, fault.rule(), item -> item.put("origin", "stored"));
    }
    List<QualityFinding> findings = new ArrayList<>();
    bySymbol.forEach((symbol, details) -> details.toFinding(symbol, NAME, checkTime, range.from(), range.to())
        .ifPresent(findings::add));
    return findings;
  }
}
