package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.ActionLoadResult;
import io.aiinvest.datahub.domain.LoadResult;
import java.util.List;

/** Partial success as a value: one outcome per symbol, in the order asked for. */
public record IngestReport(List<SymbolOutcome> outcomes) {
  public IngestReport {
    outcomes = List.copyOf(outcomes);
  }

  public boolean anyFailed() {
    return outcomes.stream().anyMatch(o -> !o.succeeded());
  }

  public long failedCount() {
    return count(SymbolOutcome.Status.FAILED);
  }

  public long count(SymbolOutcome.Status status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  public LoadResult totalBars() {
    return outcomes.stream().map(SymbolOutcome::bars).reduce(LoadResult.EMPTY, LoadResult::plus);
  }

  public ActionLoadResult totalActions() {
    return outcomes.stream().map(SymbolOutcome::actions).reduce(ActionLoadResult.EMPTY, ActionLoadResult::plus);
  }
}
