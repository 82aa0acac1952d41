package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.quality.QualityRunner;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 21:00 quality checks over each symbol's last {@code lookbackDays} calendar days up to the run's session,
 * through {@link QualityRunner}, which logs the findings. The checks are set-based (one query over many symbols), so
 * this job hands them the whole unit of work at once and records every symbol of it with the number of findings
 * logged for it; if the checks fail, every symbol of the unit is recorded as failed with the reason.
 */
public final class QualityJob implements DailyJob {
  public static final String NAME = "quality";

  private static final Logger LOG = LoggerFactory.getLogger(QualityJob.class);

  private final QualityRunner checks;
  private final int lookbackDays;

  public QualityJob(QualityRunner checks, int lookbackDays) {
    if (lookbackDays < 1) {
      throw new DatahubException("QUALITY_LOOKBACK_DAYS must be >= 1, got " + lookbackDays);
    }
    this.checks = checks;
    this.lookbackDays = lookbackDays;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JobCounts run(JobContext context) {
    List<SymbolInfo> symbols = context.symbols();
    if (symbols.isEmpty() || context.stopRequested()) {
      return JobCounts.ZERO;
    }
    DateRange range = DateRange.of(context.session().minusDays(lookbackDays), context.session());
    List<SymbolResult> results;
    try {
      Map<Symbol, Long> perSymbol = checks.run(symbols, range).stream()
          .collect(Collectors.groupingBy(QualityFinding::symbol, Collectors.counting()));
      results = symbols.stream()
          .map(s -> SymbolResult.ok(s.symbol(), 0, 0, 0, 0, perSymbol.getOrDefault(s.symbol(), 0L)))
          .toList();
    } catch (RuntimeException e) {
      String error = e instanceof DatahubException ? e.getMessage() : "unexpected " + e;
      LOG.error("job={} checks of {} symbols over {} failed: {}", NAME, symbols.size(), range, error, e);
      results = symbols.stream().map(s -> SymbolResult.failed(s.symbol(), error)).toList();
    }
    JobCounts counts = JobCounts.ZERO;
    for (SymbolResult result : results) {
      context.record(result);
      counts = counts.plus(result.counts());
    }
    return counts;
  }
}
