package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.MarketStore;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes incremental data-quality runs look again at history a write has changed. Each check keeps per symbol a
 * watermark, and an incremental run examines only the sessions from it on (docs/quality.md); a bar stored before it
 * (repair filling a session, a backfill, {@code ingest --from}, a provider revising a price) would never be examined.
 * So once a symbol's write has committed and inserted or updated bars, every check's watermark of the symbol is
 * lowered to the day before the earliest bar of the write, where it lies beyond it; the next incremental run examines
 * from there, with each check's trailing context as usual. Called beside {@link RefusedRowLog} wherever bars are
 * stored: {@link IngestWorkflow} and {@link IngestService#store} (so repair).
 *
 * <p>The store's write result counts inserted and updated bars but does not say which ones, so the earliest bar of
 * the whole write stands in for the earliest changed one: a safe bound, never later than the first changed bar, at
 * the cost of re-examining sessions that were rewritten unchanged when a write both changes and repeats bars. A write
 * that changed nothing (a rerun, an unchanged reload) lowers nothing.
 */
final class QualityRecheck {
  private static final Logger LOG = LoggerFactory.getLogger(QualityRecheck.class);

  private final MarketStore store;

  QualityRecheck(MarketStore store) {
    this.store = store;
  }

  /**
   * Lowers the symbol's watermarks after a committed write of {@code bars}, when it inserted or updated any.
   *
   * @return the date the watermarks were lowered to where they lay beyond it; empty when the write changed no bar
   */
  Optional<LocalDate> afterWrite(Symbol symbol, List<DailyBar> bars, LoadResult written) {
    if (written.inserted() + written.updated() == 0 || bars.isEmpty()) {
      return Optional.empty();
    }
    // The day before, not the bar's own date: a run re-examines the watermark's session itself, and a date before
    // the first bar is no problem (the run starts at the first bar on or after it).
    LocalDate through = bars.stream().map(DailyBar::date).min(Comparator.naturalOrder()).orElseThrow().minusDays(1);
    int lowered = store.lowerQualityWatermarks(Map.of(symbol, through));
    if (lowered > 0) {
      LOG.info("symbol={} {} quality watermarks lowered to {}: bars changed in examined history", symbol, lowered,
          through);
    }
    return Optional.of(through);
  }

  /** The error of a symbol whose bars were stored but whose watermarks could not be lowered. */
  static String notLowered(LoadResult written, RuntimeException cause) {
    return "bars stored (" + written.inserted() + " inserted, " + written.updated() + " updated), but the"
        + " data-quality watermarks could not be lowered to have them examined: " + cause.getMessage();
  }
}
