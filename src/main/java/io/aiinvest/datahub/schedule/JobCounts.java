package io.aiinvest.datahub.schedule;

/**
 * What a run of a daily job did, summed over symbols: the counts its history row keeps.
 *
 * @param actionsRevised corporate actions a provider changed or withdrew since they were stored
 * @param findings data-quality findings logged
 */
public record JobCounts(
    long symbolsOk,
    long symbolsFailed,
    long barsInserted,
    long barsUpdated,
    long actionsInserted,
    long actionsRevised,
    long findings) {

  public static final JobCounts ZERO = new JobCounts(0, 0, 0, 0, 0, 0, 0);

  public JobCounts {
    if (symbolsOk < 0 || symbolsFailed < 0 || barsInserted < 0 || barsUpdated < 0 || actionsInserted < 0
        || actionsRevised < 0 || findings < 0) {
      throw new IllegalArgumentException("job counts cannot be negative");
    }
  }

  public JobCounts plus(JobCounts other) {
    return new JobCounts(symbolsOk + other.symbolsOk, symbolsFailed + other.symbolsFailed,
        barsInserted + other.barsInserted, barsUpdated + other.barsUpdated, actionsInserted + other.actionsInserted,
        actionsRevised + other.actionsRevised, findings + other.findings);
  }
}
