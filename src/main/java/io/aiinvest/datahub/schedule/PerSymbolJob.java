package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.SymbolInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A daily job that treats symbols one at a time: checks for a stop before each, names the symbol in the logging
 * context and records its result before moving on, so a shutdown never leaves more than the symbol in hand undone.
 */
public abstract class PerSymbolJob implements DailyJob {
  private static final Logger LOG = LoggerFactory.getLogger(PerSymbolJob.class);

  @Override
  public final JobCounts run(JobContext context) {
    JobCounts counts = JobCounts.ZERO;
    for (SymbolInfo symbol : context.symbols()) {
      if (context.stopRequested()) {
        break;
      }
      MDC.put("symbol", symbol.symbol().value());
      try {
        SymbolResult result = runSafely(symbol, context);
        context.record(result);
        counts = counts.plus(result.counts());
      } finally {
        MDC.remove("symbol");
      }
    }
    return counts;
  }

  /** One symbol's failure, expected or not, becomes its result and never stops the others. */
  private SymbolResult runSafely(SymbolInfo symbol, JobContext context) {
    try {
      return runSymbol(symbol, context);
    } catch (DatahubException e) {
      LOG.warn("job={} symbol={} failed: {}", name(), symbol.symbol(), e.getMessage());
      return SymbolResult.failed(symbol.symbol(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("job={} symbol={} failed unexpectedly", name(), symbol.symbol(), e);
      return SymbolResult.failed(symbol.symbol(), "unexpected " + e);
    }
  }

  /** Does the job for one symbol; a failure may be returned or thrown. */
  protected abstract SymbolResult runSymbol(SymbolInfo symbol, JobContext context);
}
