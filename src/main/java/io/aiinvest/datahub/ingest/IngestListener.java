package io.aiinvest.datahub.ingest;

/** Hears of each finished symbol, for progress output on long runs. */
@FunctionalInterface
public interface IngestListener {
  IngestListener NONE = (outcome, done, total) -> {};

  void symbolDone(SymbolOutcome outcome, int done, int total);
}
