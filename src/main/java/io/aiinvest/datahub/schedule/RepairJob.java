package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.RepairPolicy;
import io.aiinvest.datahub.ingest.RepairService;
import io.aiinvest.datahub.ingest.RepairWindow;
import io.aiinvest.datahub.ingest.SymbolRepair;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.store.MarketStore;
import java.util.List;
import java.util.Optional;

/**
 * The 19:00 repair through {@link RepairService}: the sessions each symbol is missing in the last
 * {@code lookbackDays} calendar days (by its exchange calendar) are asked for again and stored; stored bars are not
 * touched, and a session a provider keeps failing to deliver is retried only as {@link RepairPolicy#DEFAULT} allows.
 * A symbol counts as succeeded when it was looked at, even with sessions still missing, as {@code datahub repair}
 * exits 0; its filled sessions are its bars inserted, and a provider's rows for them that could not be bars, new to
 * the data-quality log, are its finding (see {@link io.aiinvest.datahub.ingest.RefusedRowLog}).
 */
public final class RepairJob extends PerSymbolJob {
  public static final String NAME = "repair";

  private final RepairService repair;
  private final BarProvider provider;
  private final String providerLabel;
  private final RepairWindow window;

  public RepairJob(MarketStore store, SymbolSessions sessions, BarProvider provider, String providerLabel,
      int lookbackDays) {
    if (lookbackDays < 1) {
      throw new DatahubException("REPAIR_LOOKBACK_DAYS must be >= 1, got " + lookbackDays);
    }
    this.repair = new RepairService(store, sessions, RepairPolicy.DEFAULT);
    this.provider = provider;
    this.providerLabel = providerLabel;
    this.window = new RepairWindow.Lookback(lookbackDays);
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
    SymbolRepair outcome = repair.repair(List.of(info), provider, window).outcomes().get(0);
    return outcome.error()
        .map(error -> SymbolResult.failed(info.symbol(), error))
        .orElseGet(() -> SymbolResult.ok(info.symbol(), outcome.filled().size(), 0, 0, 0, outcome.findingsLogged()));
  }
}
