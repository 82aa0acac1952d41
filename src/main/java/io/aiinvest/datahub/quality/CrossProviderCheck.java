package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.AlternateClose;
import io.aiinvest.datahub.store.MarketStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two providers disagreeing about a close by more than {@code tolerance} (relative to the stored close).
 *
 * <p>Where the second provider's closes come from: the store's revision history. When a symbol is fetched from a
 * second provider (a fallback in the provider chain, a repair, or an explicit {@code ingest --provider}), every bar
 * whose values differ replaces the stored one and the replaced values are kept with their provider
 * ({@link MarketStore#alternateCloses}). The check therefore costs no network and sees every session on which two
 * configured providers have both delivered; sessions only one provider ever delivered cannot be compared, and
 * providers that agree exactly leave no revision (and no finding). Fetching the second provider during the check
 * instead would put thousands of rate-limited requests into a nightly job that should take seconds. Both closes are
 * as traded, so they compare directly. WARNING: the check cannot tell which provider is right.
 */
public final class CrossProviderCheck implements QualityCheck {
  public static final String NAME = "cross_provider";

  private final MarketStore store;
  private final Clock clock;
  private final double tolerance;

  CrossProviderCheck(MarketStore store, Clock clock, QualityOptions options) {
    this.store = store;
    this.clock = clock;
    this.tolerance = options.crossProviderTolerance();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<QualityFinding> check(List<SymbolInfo> symbols, DateRange range) {
    Instant checkTime = clock.instant();
    Map<Symbol, FindingDetails.Builder> bySymbol = new TreeMap<>();
    for (AlternateClose pair : store.alternateCloses(symbols.stream().map(SymbolInfo::symbol).toList(), range)) {
      double close = pair.close().doubleValue();
      double difference = (pair.otherClose().doubleValue() - close) / close;
      if (Math.abs(difference) <= tolerance) {
        continue;
      }
      bySymbol.computeIfAbsent(pair.symbol(), s -> FindingDetails.builder().threshold("tolerance", tolerance))
          .item(pair.date(), Severity.WARNING, "close_differs", item -> {
            item.put("source", pair.source().value());
            item.put("close", pair.close());
            item.put("other_source", pair.otherSource().value());
            item.put("other_close", pair.otherClose());
            item.put("relative_difference", PriceAnomalyCheck.round(difference));
          });
    }
    List<QualityFinding> findings = new ArrayList<>();
    bySymbol.forEach((symbol, details) -> details.toFinding(symbol, NAME, checkTime, range.from(), range.to())
        .ifPresent(findings::add));
    return findings;
  }
}
