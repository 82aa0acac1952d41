package io.aiinvest.datahub.demo;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.ingest.IngestReport;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What one {@code datahub demo} run did and what the store holds for the demo symbols afterwards.
 *
 * @param symbolsAdded symbols registered by this run; 0 when they were all there with the same metadata
 * @param ingest this run's per-symbol load counts
 * @param checksRun how many data-quality checks ran
 * @param findings the findings of those checks as they stand in the log after the run
 * @param holdings what the store holds per demo symbol after the run
 */
public record DemoReport(
    String source,
    DateRange range,
    int symbolsAdded,
    IngestReport ingest,
    int checksRun,
    int findings,
    List<Holding> holdings) {

  public DemoReport {
    holdings = List.copyOf(holdings);
  }

  /** One symbol's stored data: bars, their span, corporate actions and open data-quality findings. */
  public record Holding(
      Symbol symbol,
      Optional<String> name,
      Optional<String> exchange,
      long bars,
      Optional<LocalDate> first,
      Optional<LocalDate> last,
      long splits,
      long dividends,
      long openFindings) {}

  public long totalBars() {
    return holdings.stream().mapToLong(Holding::bars).sum();
  }

  public long totalActions() {
    return holdings.stream().mapToLong(h -> h.splits() + h.dividends()).sum();
  }

  public long totalOpenFindings() {
    return holdings.stream().mapToLong(Holding::openFindings).sum();
  }
}
