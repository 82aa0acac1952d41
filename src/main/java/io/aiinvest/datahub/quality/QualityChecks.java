package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.adjust.AdjustmentCrossCheck;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.store.MarketStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The suite's checks by name, built for one run's options. */
final class QualityChecks {
  /** Every check's name, in the order a run executes them. */
  static final List<String> NAMES = List.of(
      CompletenessCheck.NAME,
      OhlcConsistencyCheck.NAME,
      PriceAnomalyCheck.NAME,
      VolumeSpikeCheck.NAME,
      StaleSeriesCheck.NAME,
      MissedSplitCheck.NAME,
      UnitErrorCheck.NAME,
      DividendSanityCheck.NAME,
      DuplicateSeriesCheck.NAME,
      CrossProviderCheck.NAME);

  /**
   * Checks a run includes only when named: the adjustment cross-check reads each symbol's bars and actions on its
   * own (docs/adjustments.md), which would dominate a full run over thousands of symbols.
   */
  static final List<String> OPTIONAL = List.of(AdjustmentCrossCheck.CHECK_TYPE);

  private QualityChecks() {}

  static List<QualityCheck> create(MarketStore store, SymbolSessions sessions, Clock clock, QualityOptions options) {
    for (String name : options.checks()) {
      if (!NAMES.contains(name) && !OPTIONAL.contains(name)) {
        throw new DatahubException("unknown check '" + name + "': the checks are " + String.join(", ", NAMES)
            + " and, only when named, " + String.join(", ", OPTIONAL));
      }
    }
    SeriesScan scan = new SeriesScan(store, clock);
    List<QualityCheck> checks = new ArrayList<>();
    for (String name : NAMES) {
      if (options.includes(name)) {
        checks.add(switch (name) {
          case CompletenessCheck.NAME -> new CompletenessOnScan(
              new CompletenessCheck(store, sessions, options.completenessErrorThreshold()), scan);
          case OhlcConsistencyCheck.NAME -> new OhlcConsistencyCheck(store, clock);
          case PriceAnomalyCheck.NAME -> new PriceAnomalyCheck(scan, options);
          case VolumeSpikeCheck.NAME -> new VolumeSpikeCheck(scan, options);
          case StaleSeriesCheck.NAME -> new StaleSeriesCheck(scan, options);
          case MissedSplitCheck.NAME -> new MissedSplitCheck(scan, options);
          case UnitErrorCheck.NAME -> new UnitErrorCheck(scan, options);
          case DividendSanityCheck.NAME -> new DividendSanityCheck(scan, options);
          case DuplicateSeriesCheck.NAME -> new DuplicateSeriesCheck(scan, store, options);
          case CrossProviderCheck.NAME -> new CrossProviderCheck(store, clock, options);
          default -> throw new IllegalStateException("no constructor for check " + name);
        });
      }
    }
    if (options.checks().contains(AdjustmentCrossCheck.CHECK_TYPE)) {
      checks.add(new AdjustmentCheck(new AdjustmentCrossCheck(store, clock)));
    }
    return checks;
  }
}
