package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.MarketStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checks over symbols — the series checks together in one read of history, the others one after another — and
 * logs their findings ({@link FindingLog}: new and changed ones appended, those no longer found resolved).
 */
public final class QualityRunner {
  private static final Logger LOG = LoggerFactory.getLogger(QualityRunner.class);

  private final List<QualityCheck> checks;
  private final Clock clock;
  private final FindingLog log;

  public QualityRunner(MarketStore store, List<QualityCheck> checks, Clock clock) {
    this.checks = List.copyOf(checks);
    this.clock = clock;
    this.log = new FindingLog(store);
  }

  /**
   * What a run found, as it now stands in the log, and the last bar date of each symbol the series checks saw.
   */
  public record Result(List<QualityFinding> findings, Map<Symbol, LocalDate> lastBarDates) {}

  /**
   * Runs the checks over the symbols' sessions in {@code range} (their whole history for {@link DateRange#ALL});
   * returns the findings as they now stand in the log, with their ids.
   */
  public List<QualityFinding> run(List<SymbolInfo> symbols, DateRange range) {
    return execute(symbols, range).findings();
  }

  /** As {@link #run}, also saying how far the series checks read. */
  public Result execute(List<SymbolInfo> symbols, DateRange range) {
    List<QualityFinding> found = new ArrayList<>();
    List<SeriesCheck> series = new ArrayList<>();
    checks.stream().filter(SeriesCheck.class::isInstance).map(SeriesCheck.class::cast).forEach(series::add);
    Map<Symbol, LocalDate> last = Map.of();
    if (!series.isEmpty()) {
      long start = System.nanoTime();
      SeriesScan.Result scanned = series.get(0).scan().run(series, symbols, range);
      found.addAll(scanned.findings());
      last = scanned.lastBarDates();
      LOG.info("checks={} symbols={} range={} findings={} ms={}", series.stream().map(QualityCheck::name).toList(),
          symbols.size(), range, scanned.findings().size(), (System.nanoTime() - start) / 1_000_000);
    }
    for (QualityCheck check : checks) {
      if (check instanceof SeriesCheck) {
        continue;
      }
      long start = System.nanoTime();
      List<QualityFinding> findings = check.check(symbols, range);
      found.addAll(findings);
      LOG.info("check={} symbols={} range={} findings={} ms={}", check.name(), symbols.size(), range,
          findings.size(), (System.nanoTime() - start) / 1_000_000);
    }
    List<QualityFinding> standing = log.record(found, checks.stream().map(QualityCheck::name).toList(),
        symbols.stream().map(SymbolInfo::symbol).toList(), range, clock.instant());
    return new Result(standing, last);
  }
}
