package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.CorporateActionsService;
import io.aiinvest.datahub.ingest.IngestSources;
import java.util.List;
import java.util.Optional;

/**
 * The 20:00 corporate actions through {@link CorporateActionsService}, as {@code datahub ingest --actions-only}: asks
 * the providers again for the splits and dividends of each symbol's last {@code lookbackDays} calendar days before the
 * run's session, so that ones announced or corrected since the bars were fetched are validated and stored, revised
 * ones recorded as revisions and ones the provider no longer lists withdrawn. Bars are left alone. Each symbol is
 * recorded as the service finishes it; once a stop is requested, symbols not yet started are left pending.
 */
public final class CorporateActionsJob implements DailyJob {
  public static final String NAME = "corporate-actions";

  private final CorporateActionsService actions;
  private final IngestSources sources;
  private final String providerLabel;
  private final int lookbackDays;

  public CorporateActionsJob(CorporateActionsService actions, IngestSources sources, String providerLabel,
      int lookbackDays) {
    if (lookbackDays < 1) {
      throw new DatahubException("CORPORATE_ACTIONS_LOOKBACK_DAYS must be >= 1, got " + lookbackDays);
    }
    this.actions = actions;
    this.sources = sources;
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
  public JobCounts run(JobContext context) {
    List<Symbol> symbols = context.symbols().stream().map(SymbolInfo::symbol).toList();
    OutcomeRecorder recorder = new OutcomeRecorder(context);
    actions.refresh(symbols, Optional.of(context.session().minusDays(lookbackDays)), sources, recorder,
        context::stopRequested);
    return recorder.counts();
  }
}
