package io.aiinvest.datahub.adjust;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The hub's total-adjusted close against the provider's adjusted close stored with the same bars. The provider's
 * figure also folds in every action between the window and its delivery, so only the ratio of the two must stay
 * constant: each point's deviation is its ratio over the ratio at the window's last checked bar, minus one.
 *
 * @param points one per stored bar that carries a provider adjusted close, oldest first
 * @param problem why the hub's factors could not be computed; then there are no points
 */
public record CrossCheckResult(
    Symbol symbol, DateRange window, BigDecimal tolerance, List<Point> points, Optional<String> problem) {

  /** How the two series compare. */
  public enum Status {
    /** Every deviation is within the tolerance. */
    AGREES,
    /** At least one bar deviates by more than the tolerance: a missing, extra or wrong action on one side. */
    DISAGREES,
    /** No stored bar in the window carries a provider adjusted close. */
    NOTHING_TO_CHECK,
    /** An action's factor could not be computed (see {@link #problem}). */
    CANNOT_ADJUST
  }

  /**
   * @param ratio the hub's unrounded total-adjusted close over the provider's adjusted close
   * @param deviation {@code ratio / reference ratio − 1}, signed
   */
  public record Point(LocalDate date, BigDecimal ratio, BigDecimal deviation) {}

  /** A run of consecutive checked bars that all deviate beyond the tolerance. */
  public record Break(LocalDate from, LocalDate to, int bars, Point worst) {}

  public CrossCheckResult {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(tolerance, "tolerance");
    points = List.copyOf(points);
    Objects.requireNonNull(problem, "problem");
  }

  public Status status() {
    if (problem.isPresent()) {
      return Status.CANNOT_ADJUST;
    }
    if (points.isEmpty()) {
      return Status.NOTHING_TO_CHECK;
    }
    return points.stream().anyMatch(this::breaks) ? Status.DISAGREES : Status.AGREES;
  }

  /** The bar the ratios are measured against: the last one checked. */
  public Optional<Point> reference() {
    return points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1));
  }

  /** The point with the largest absolute deviation (the earliest among equals). */
  public Optional<Point> worst() {
    return points.stream().max(Comparator.comparing((Point p) -> p.deviation().abs())
        .thenComparing(Point::date, Comparator.reverseOrder()));
  }

  /** Dates whose deviation exceeds the tolerance, oldest first. */
  public List<LocalDate> breakDates() {
    return points.stream().filter(this::breaks).map(Point::date).toList();
  }

  /** The breaking dates grouped into runs of consecutive checked bars; a run's ends locate the disputed action. */
  public List<Break> breaks() {
    List<Break> runs = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= points.size(); i++) {
      boolean breaking = i < points.size() && breaks(points.get(i));
      if (breaking && start < 0) {
        start = i;
      } else if (!breaking && start >= 0) {
        List<Point> run = points.subList(start, i);
        Point worst = run.stream().max(Comparator.comparing((Point p) -> p.deviation().abs())).orElseThrow();
        runs.add(new Break(run.get(0).date(), run.get(run.size() - 1).date(), run.size(), worst));
        start = -1;
      }
    }
    return runs;
  }

  private boolean breaks(Point point) {
    return point.deviation().abs().compareTo(tolerance) > 0;
  }
}
