package io.aiinvest.datahub.demo;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.IngestListener;
import io.aiinvest.datahub.ingest.IngestReport;
import io.aiinvest.datahub.ingest.IngestRequest;
import io.aiinvest.datahub.ingest.IngestSettings;
import io.aiinvest.datahub.ingest.IngestSources;
import io.aiinvest.datahub.ingest.IngestWorkflow;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.quality.QualityOptions;
import io.aiinvest.datahub.quality.QualityService;
import io.aiinvest.datahub.store.FindingQuery;
import io.aiinvest.datahub.store.MarketStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The whole hub in one run: registers the demo symbols, ingests their bars and corporate actions through the normal
 * ingest workflow (so split-adjusted files are stored as traded), runs the data-quality suite over them and reports
 * what the store holds. Every step is idempotent, so running it again changes nothing.
 */
public final class DemoService {
  private final MarketStore store;
  private final CalendarRegistry calendars;
  private final Clock clock;
  private final IngestSettings settings;

  public DemoService(MarketStore store, CalendarRegistry calendars, Clock clock, IngestSettings settings) {
    this.store = store;
    this.calendars = calendars;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * @param symbols the demo instruments with their metadata
   * @param range the sessions to load; an open end means up to the last completed session
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
    IngestRequest request = new IngestRequest(tickers, range.from(), range.to(), IngestRequest.Start.WHOLE_SOURCE,
        IngestRequest.Content.BARS_AND_ACTIONS);
    IngestReport ingest = new IngestWorkflow(store, calendars, clock, settings)
        .run(request, IngestSources.of(List.of(provider), settings, OptionalInt.empty()), IngestListener.NONE);
    // The workflow has logged the rows a provider sent that could not be bars as findings (ohlc_ingest).
    QualityService quality = new QualityService(store, calendars, clock);
    List<QualityFinding> findings = quality.run(tickers, range, QualityOptions.DEFAULTS);
    List<DemoReport.Holding> holdings = new ArrayList<>();
    for (SymbolInfo info : symbols) {
      holdings.add(holding(info));
    }
    return new DemoReport(source, range, added, ingest, QualityService.checkNames().size(), findings.size(),
        holdings);
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
