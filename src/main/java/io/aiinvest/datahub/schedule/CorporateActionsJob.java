package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.ActionLoadResult;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.store.MarketStore;
import java.util.Optional;

/**
 * The 20:00 corporate actions: fetches each symbol's splits and dividends with ex-dates in the last
 * {@code lookbackDays} calendar days and stores them; bars are not touched (they are stored as traded, and a new
 * action changes adjustment factors, never stored bars). Actions a provider revised are recorded as revisions.
 *
 * <p>The providers deliver actions together with bars, so this asks for the window's bars and keeps only the actions;
 * a dedicated corporate-actions service (issue 3, {@code corporate-actions} command) can take over the fetch here.
 */
public final class CorporateActionsJob extends PerSymbolJob {
  public static final String NAME = "corporate-actions";

  private final MarketStore store;
  private final BarProvider provider;
  private final String providerLabel;
  private final int lookbackDays;

  public CorporateActionsJob(MarketStore store, BarProvider provider, String providerLabel, int lookbackDays) {
    if (lookbackDays < 1) {
      throw new DatahubException("CORPORATE_ACTIONS_LOOKBACK_DAYS must be >= 1, got " + lookbackDays);
    }
    this.store = store;
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
    ProviderBars delivered = provider.fetch(info.symbol(), window);
    ActionLoadResult stored = store.upsertActions(delivered.actions());
    return SymbolResult.ok(info.symbol(), 0, 0, stored.inserted(), stored.revised(), 0);
  }
}
