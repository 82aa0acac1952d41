package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.IngestService;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.store.MarketStore;
import java.util.Optional;

/**
 * The 19:00 repair: asks the provider again for each symbol's last {@code lookbackDays} calendar days up to the run's
 * session and stores what it sends. Missing sessions are inserted; bars the vendor corrected are updated with their
 * old values kept as revisions; identical bars are left alone, so the job is safe to repeat.
 *
 * <p>It refetches the whole window through {@link IngestService} because that is the repair this build offers; the
 * calendar-aware repair of issue 5 (only the missing sessions, with per-session backoff) replaces the body of
 * {@link #runSymbol} when it lands, behind the same job.
 */
public final class RepairJob extends PerSymbolJob {
  public static final String NAME = "repair";

  private final IngestService ingest;
  private final BarProvider provider;
  private final String providerLabel;
  private final int lookbackDays;

  public RepairJob(MarketStore store, BarProvider provider, String providerLabel, int lookbackDays) {
    if (lookbackDays < 1) {
      throw new DatahubException("REPAIR_LOOKBACK_DAYS must be >= 1, got " + lookbackDays);
    }
    this.ingest = new IngestService(store);
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
