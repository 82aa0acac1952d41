package io.aiinvest.datahub.quality;

import java.util.Arrays;

/**
 * The last {@code capacity} values of a stream with their median and median absolute deviation (MAD), updated in
 * O(capacity) per value by keeping a sorted copy beside the ring buffer. The MAD is read off the sorted values without
 * sorting the deviations: below and above the median they are two already-ordered runs, merged from the middle out.
 * A SQL percentile over a sliding frame sorts every frame; this is what makes the robust statistics cheap enough to
 * run on every bar.
 */
final class RobustWindow {
  /** MAD × this estimates the standard deviation of normally distributed values. */
  static final double MAD_TO_SIGMA = 1.4826;
  /** Mean absolute deviation × this estimates the standard deviation of normally distributed values. */
  static final double MEAN_AD_TO_SIGMA = 1.2533;

  private final double[] ring;
  private final double[] sorted;
  private int size;
  private int next;

  RobustWindow(int capacity) {
    this.ring = new double[capacity];
    this.sorted = new double[capacity];
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
    next = 0;
  }

  /** Adds a value, dropping the oldest once full; NaN is ignored. */
  void add(double value) {
    if (Double.isNaN(value)) {
      return;
    }
    if (size == ring.length) {
      double oldest = ring[next];
      int at = Arrays.binarySearch(sorted, 0, size, oldest);
      System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
      size--;
    }
    ring[next] = value;
    next = (next + 1) % ring.length;
    int at = Arrays.binarySearch(sorted, 0, size, value);
    if (at < 0) {
      at = -at - 1;
    }
    System.arraycopy(sorted, at, sorted, at + 1, size - at);
    sorted[at] = value;
    size++;
  }

  double median() {
    int half = size / 2;
    return size % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  }

  /** Median of |x − median|. */
  double mad() {
    double median = median();
    int split = Arrays.binarySearch(sorted, 0, size, median);
    if (split < 0) {
      split = -split - 1;
    }
    // Deviations below the median grow leftwards from split - 1, those above grow rightwards from split.
    int left = split - 1;
    int right = split;
    int half = size / 2;
    double previous = 0;
    double current = 0;
    for (int k = 0; k <= half; k++) {
      previous = current;
      double below = left >= 0 ? median - sorted[left] : Double.POSITIVE_INFINITY;
      double above = right < size ? sorted[right] - median : Double.POSITIVE_INFINITY;
      if (below <= above) {
        current = below;
        left--;
      } else {
        current = above;
        right++;
      }
    }
    return size % 2 == 1 ? current : (previous + current) / 2;
  }

  /**
   * A robust estimate of the standard deviation: MAD-based, falling back to the mean absolute deviation when more than
   * half the values equal the median (a series that mostly does not move), never below {@code floor}.
   */
  double scale(double floor) {
    double mad = mad();
    if (mad > 0) {
      return Math.max(MAD_TO_SIGMA * mad, floor);
    }
    double median = median();
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += Math.abs(sorted[i] - median);
    }
    return Math.max(MEAN_AD_TO_SIGMA * sum / size, floor);
  }
}
