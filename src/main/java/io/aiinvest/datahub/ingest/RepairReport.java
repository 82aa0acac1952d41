package io.aiinvest.datahub.ingest;

import java.util.List;

/** Partial success as a value: one outcome per symbol, in the order asked for. */
public record RepairReport(List<SymbolRepair> outcomes) {
  public RepairReport {
    outcomes = List.copyOf(outcomes);
  }

  public boolean anyFailed() {
    return outcomes.stream().anyMatch(o -> !o.succeeded());
  }

  public long failedCount() {
    return outcomes.stream().filter(o -> !o.succeeded()).count();
  }

  public long filledCount() {
    return outcomes.stream().mapToLong(o -> o.filled().size()).sum();
  }

  public long stillMissingCount() {
    return outcomes.stream().mapToLong(o -> o.stillMissing().size()).sum();
  }
}
