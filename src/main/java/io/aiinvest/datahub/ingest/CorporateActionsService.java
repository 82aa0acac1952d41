package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.Symbol;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Fetches splits and dividends of symbols through the providers and stores them, leaving bars alone: the refresh
 * behind {@code corporate-actions SYMBOL…|--all} and {@code ingest --actions-only}. Without a start it asks for all
 * the provider has, up to today; a changed action is revised in the store, never silently replaced. Each symbol's
 * outcome counts its actions (new, revised, unchanged); one symbol's failure never stops the others.
 */
public final class CorporateActionsService {
  private final IngestWorkflow workflow;

  public CorporateActionsService(IngestWorkflow workflow) {
    this.workflow = workflow;
  }

  public IngestReport refresh(
      List<Symbol> symbols, Optional<LocalDate> from, IngestSources sources, IngestListener listener) {
    return refresh(symbols, from, sources, listener, () -> false);
  }

  /** As {@link #refresh(List, Optional, IngestSources, IngestListener)}, stopping as {@link IngestWorkflow#run} does. */
  public IngestReport refresh(List<Symbol> symbols, Optional<LocalDate> from, IngestSources sources,
      IngestListener listener, BooleanSupplier stopRequested) {
    return workflow.run(IngestRequest.actionsOnly(symbols, from, Optional.empty()), sources, listener, stopRequested);
  }
}
