package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.IngestService;
import io.aiinvest.datahub.ingest.SymbolOutcome;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.store.MarketStore;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The 18:00 end-of-day ingestion: for each active symbol, the bars after its last stored one up to the run's session
 * (its whole history when it has none yet), through {@link IngestService}, one transaction per symbol. A symbol that
 * already has the session's bar is left alone, so re-running the job fetches nothing twice.
 */
public final class IngestJob extends PerSymbolJob {
  public static final String NAME = "ingest";

  private final MarketStore store;
  private final IngestService ingest;
  private final BarProvider provider;
  private final String providerLabel;

  /**
   * @param sessions each symbol's exchange calendar, by which ingest refuses actions dated off-session
   * @param providerLabel how logs name the provider, e.g. the chain {@code yahoo,stooq}
   */
  public IngestJob(MarketStore store, SymbolSessions sessions, BarProvider provider, String providerLabel) {
    this.store = store;
    this.ingest = new IngestService(store, sessions);
    this.provider = provider;
    this.providerLabel = providerLabel;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> provider() {
    return Optional.of(providerLabel);
  }

  @Override
  protected SymbolResult runSymbol(SymbolInfo info, JobContext context) {
    Symbol symbol = info.symbol();
    LocalDate session = context.session();
    Optional<LocalDate> from = store.lastBarDate(symbol).map(last -> last.plusDays(1));
    if (from.isPresent() && from.get().isAfter(session)) {
      return SymbolResult.ok(symbol, 0, 0, 0, 0, 0);
    }
    SymbolOutcome outcome = ingest.ingestOne(symbol, provider, new DateRange(from, Optional.of(session)));
    return JobResults.of(outcome);
  }
}
