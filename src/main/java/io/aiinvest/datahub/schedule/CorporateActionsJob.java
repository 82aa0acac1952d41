package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.IngestService;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.store.MarketStore;
import java.util.Optional;

/**
 * The 20:00 corporate actions: asks the provider again for each symbol's last {@code lookbackDays} calendar days up
 * to the run's session and stores the answer through {@link IngestService}, so splits and dividends announced or
 * corrected since the bars were fetched are validated and stored, revised ones recorded as revisions and ones the
 * provider no longer lists withdrawn. Providers deliver actions with bars; bars in the window that are unchanged are
 * left alone and corrected ones updated with their old values kept.
 */
public final class CorporateActionsJob extends PerSymbolJob {
  public static final String NAME = "corporate-actions";

  private final IngestService ingest;
  private final BarProvider provider;
  private final String providerLabel;
  private final int lookbackDays;

  public CorporateActionsJob(MarketStore store, SymbolSessions sessions, BarProvider provider, String providerLabel,
      int lookbackDays) {
    if (lookbackDays < 1) {
      throw new DatahubException("CORPORATE_ACTIONS_LOOKBACK_DAYS must be >= 1, got " + lookbackDays);
    }
    this.ingest = new IngestService(store, sessions);
    this.provider = provider;
    this.providerLabel = providerLabel;
    this.lookbackDays = lookbackDays;
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
    DateRange window = DateRange.of(context.session().minusDays(lookbackDays), context.session());
    return JobResults.of(ingest.ingestOne(info.symbol(), provider, window));
  }
}
