package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.util.List;

/**
 * A check that judges one symbol's price series at a time, so that all of them share one read of history
 * ({@link SeriesScan}). Run alone through {@link #check}, it does that read for itself.
 */
interface SeriesCheck extends QualityCheck {
  /** Sessions of history before the examined range that a verdict on the range's first session needs. */
  int lookback();

  /** A fresh examination for one run. */
  SeriesExamination start(ScanContext context);

  /** The scan this check reads through when it runs alone. */
  SeriesScan scan();

  @Override
  default List<QualityFinding> check(List<SymbolInfo> symbols, DateRange range) {
    return scan().run(List.of(this), symbols, range).findings();
  }
}
