package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.QualityFinding;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects one examination's findings, one per symbol, each spanning the sessions examined. */
final class SeriesFindings {
  private final String check;
  private final Instant checkTime;
  private final List<QualityFinding> findings = new ArrayList<>();

  SeriesFindings(String check, Instant checkTime) {
    this.check = check;
    this.checkTime = checkTime;
  }

  /** Adds the symbol's finding when {@code details} holds any issue. */
  void add(PriceSeries series, int focusStart, FindingDetails.Builder details) {
    if (details.isEmpty()) {
      return;
    }
    Optional<LocalDate> from = focusStart < series.size() ? Optional.of(series.date(focusStart)) : Optional.empty();
    Optional<LocalDate> to = series.size() > 0 ? Optional.of(series.date(series.size() - 1)) : Optional.empty();
    details.toFinding(series.symbol(), check, checkTime, from, to).ifPresent(findings::add);
  }

  List<QualityFinding> all() {
    return List.copyOf(findings);
  }
}
