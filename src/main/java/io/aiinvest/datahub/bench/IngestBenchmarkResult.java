package io.aiinvest.datahub.bench;

/**
 * What {@code bench ingest} measured, in bars per second: the database's own raw bulk load of the bars beside the
 * hub's fresh load and its reload of unchanged rows.
 */
public record IngestBenchmarkResult(long bars, double rawCopy, double fresh, double reload) {
  public double ratioFresh() {
    return fresh / rawCopy;
  }

  public double ratioReload() {
    return reload / rawCopy;
  }
}
