package io.aiinvest.datahub.demo;

import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.IngestListener;
import io.aiinvest.datahub.ingest.IngestReport;
import io.aiinvest.datahub.ingest.IngestService;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.store.FindingQuery;
import io.aiinvest.datahub.store.MarketStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole hub in one run: registers the demo symbols, ingests their bars and corporate actions through the normal
 * ingest path (so split-adjusted files are stored as traded), runs the quality checks the build has and reports what
 * the store holds. Every step is idempotent, so running it again changes nothing.
 */
public final class DemoService {
  /** Symbols fetched at once; the demo has five, so all of them. */
  private static final int CONCURRENCY = 5;

  private final MarketStore store;
  private final Optional<QualityHook> quality;

  public DemoService(MarketStore store, Optional<QualityHook> quality) {
    this.store = store;
    this.quality = quality;
  }

  /**
   * @param symbols the demo instruments with their metadata
   * @param source says where the bars come from, for the report
   */
  public DemoReport run(List<SymbolInfo> symbols, BarProvider provider, DateRange range, String source) {
    int added = 0;
    for (SymbolInfo info : symbols) {
      Optional<SymbolInfo> stored = store.findSymbol(info.symbol());
      // Upserting an unchanged symbol would still touch its updated_at; a rerun should leave the row alone.
      if (stored.isEmpty() || !stored.get().equals(info)) {
        store.upsertSymbol(info);
        added += stored.isEmpty() ? 1 : 0;
      }
    }
    List<Symbol> tickers = symbols.stream().map(SymbolInfo::symbol).toList();
    IngestReport ingest = new IngestService(store).ingest(tickers, provider, range, CONCURRENCY, IngestListener.NONE);
    List<QualityFinding> logged = quality.map(q -> q.check(tickers, range)).orElse(List.of());
    List<DemoReport.Holding> holdings = new ArrayList<>();
    for (SymbolInfo info : symbols) {
      holdings.add(holding(info));
    }
    return new DemoReport(source, range, added, ingest, quality.isPresent(), logged.size(), holdings);
  }

  private DemoReport.Holding holding(SymbolInfo info) {
    Symbol symbol = info.symbol();
    List<CorporateAction> actions = store.actions(symbol, DateRange.ALL);
    long splits = actions.stream().filter(a -> a.type() == ActionType.SPLIT).count();
    long open = store.findings(new FindingQuery(Optional.of(symbol), Optional.empty(), Optional.empty(),
        Optional.empty(), true, Integer.MAX_VALUE)).size();
    return new DemoReport.Holding(symbol, info.name(), info.exchange(), store.countBars(Optional.of(symbol)),
        store.firstBarDate(symbol), store.lastBarDate(symbol), splits, actions.size() - splits, open);
  }
}
