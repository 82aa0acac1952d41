package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.util.List;

/** One run of a {@link SeriesCheck}: shown each symbol's series in turn, then asked for its findings. */
interface SeriesExamination {
  /**
   * Judges the sessions from {@code focusStart} on; earlier bars are the trailing context.
   *
   * @param focusStart index of the first bar under examination ({@code series.size()} when none is)
   */
  void examine(SymbolInfo symbol, PriceSeries series, int focusStart);

  /** The findings, at most one per symbol. */
  List<QualityFinding> finish();
}
