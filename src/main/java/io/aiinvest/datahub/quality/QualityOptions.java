package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.DatahubException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one quality run checks and with which thresholds. Every threshold has a named default ({@code DEFAULT_…})
 * that the command line shows and can override per run; the constructor refuses values that make no sense.
 *
 * @param checks the checks to run by name; empty runs all of them
 * @param full examine all history instead of the sessions added since the last run
 * @param window trailing sessions the robust statistics of returns and volumes are taken over
 * @param minHistory sessions of trailing window a statistical verdict needs; earlier sessions are not judged
 * @param priceThreshold robust z-score of a daily log return (against the window's median and MAD) that is an anomaly
 * @param minReturnScale lower bound of the robust scale of daily log returns, for series that rarely move (MAD 0)
 * @param volumeThreshold robust z-score of log volume that is a spike (or, negative, a collapse)
 * @param staleSessions consecutive sessions with an unchanged close and zero volume that make a series stale
 * @param splitTolerance relative distance of a close-to-close ratio from a split ratio that still matches it
 * @param unitTolerance relative distance of a close-to-close ratio from 100 (or 1/100) that still counts as a unit
 *     error
 * @param dividendMaxFraction dividend, as a fraction of the previous close, above which it is implausible
 * @param dividendDropZ how many robust standard deviations the ex-date return may fall short of the dividend's
 *     expected drop before the dividend counts as having no matching drop
 * @param dividendDuplicateSessions two dividends at most this many sessions apart are suspected duplicates
 * @param duplicateMinOverlap common sessions two symbols need before identical bars make them one instrument
 * @param crossProviderTolerance relative close difference between two providers that is a disagreement
 * @param completenessErrorThreshold missing sessions above which a completeness finding is an ERROR
 */
public record QualityOptions(
    Set<String> checks,
    boolean full,
    int window,
    int minHistory,
    double priceThreshold,
    double minReturnScale,
    double volumeThreshold,
    int staleSessions,
    double splitTolerance,
    double unitTolerance,
    double dividendMaxFraction,
    double dividendDropZ,
    int dividendDuplicateSessions,
    int duplicateMinOverlap,
    double crossProviderTolerance,
    int completenessErrorThreshold) {

  public static final int DEFAULT_WINDOW = 60;
  public static final int DEFAULT_MIN_HISTORY = 20;
  public static final double DEFAULT_PRICE_THRESHOLD = 5.0;
  /** 1%: about a liquid stock's daily spread of returns, so it matters where the MAD is 0 or tiny (thin listings). */
  public static final double DEFAULT_MIN_RETURN_SCALE = 0.01;
  public static final double DEFAULT_VOLUME_THRESHOLD = 10.0;
  public static final int DEFAULT_STALE_SESSIONS = 5;
  public static final double DEFAULT_SPLIT_TOLERANCE = 0.05;
  public static final double DEFAULT_UNIT_TOLERANCE = 0.10;
  public static final double DEFAULT_DIVIDEND_MAX_FRACTION = 0.30;
  public static final double DEFAULT_DIVIDEND_DROP_Z = 4.0;
  public static final int DEFAULT_DIVIDEND_DUPLICATE_SESSIONS = 5;
  public static final int DEFAULT_DUPLICATE_MIN_OVERLAP = 20;
  public static final double DEFAULT_CROSS_PROVIDER_TOLERANCE = 0.005;
  public static final int DEFAULT_COMPLETENESS_ERROR_THRESHOLD = CompletenessCheck.DEFAULT_ERROR_THRESHOLD;

  /** Every check with its defaults, incremental. */
  public static final QualityOptions DEFAULTS = new QualityOptions(Set.of(), false, DEFAULT_WINDOW,
      DEFAULT_MIN_HISTORY, DEFAULT_PRICE_THRESHOLD, DEFAULT_MIN_RETURN_SCALE, DEFAULT_VOLUME_THRESHOLD,
      DEFAULT_STALE_SESSIONS, DEFAULT_SPLIT_TOLERANCE, DEFAULT_UNIT_TOLERANCE, DEFAULT_DIVIDEND_MAX_FRACTION,
      DEFAULT_DIVIDEND_DROP_Z, DEFAULT_DIVIDEND_DUPLICATE_SESSIONS, DEFAULT_DUPLICATE_MIN_OVERLAP,
      DEFAULT_CROSS_PROVIDER_TOLERANCE, DEFAULT_COMPLETENESS_ERROR_THRESHOLD);

  public QualityOptions {
    checks = Set.copyOf(new TreeSet<>(checks));
    positive("window", window);
    positive("min history", minHistory);
    if (minHistory > window) {
      throw new DatahubException("min history " + minHistory + " must not exceed the window " + window);
    }
    positive("price threshold", priceThreshold);
    positive("min return scale", minReturnScale);
    positive("volume threshold", volumeThreshold);
    if (staleSessions < 2) {
      throw new DatahubException("stale sessions must be >= 2, got " + staleSessions);
    }
    fraction("split tolerance", splitTolerance);
    fraction("unit tolerance", unitTolerance);
    positive("dividend max fraction", dividendMaxFraction);
    positive("dividend drop z", dividendDropZ);
    positive("dividend duplicate sessions", dividendDuplicateSessions);
    if (duplicateMinOverlap < 2) {
      throw new DatahubException("duplicate min overlap must be >= 2, got " + duplicateMinOverlap);
    }
    fraction("cross-provider tolerance", crossProviderTolerance);
    if (completenessErrorThreshold < 0) {
      throw new DatahubException("completeness error threshold must be >= 0, got " + completenessErrorThreshold);
    }
  }

  public QualityOptions withChecks(List<String> names) {
    return new QualityOptions(Set.copyOf(names), full, window, minHistory, priceThreshold, minReturnScale,
        volumeThreshold, staleSessions, splitTolerance, unitTolerance, dividendMaxFraction, dividendDropZ,
        dividendDuplicateSessions, duplicateMinOverlap, crossProviderTolerance, completenessErrorThreshold);
  }

  public QualityOptions withFull(boolean examineAll) {
    return new QualityOptions(checks, examineAll, window, minHistory, priceThreshold, minReturnScale,
        volumeThreshold, staleSessions, splitTolerance, unitTolerance, dividendMaxFraction, dividendDropZ,
        dividendDuplicateSessions, duplicateMinOverlap, crossProviderTolerance, completenessErrorThreshold);
  }

  /** True when the check of that name is part of the run. */
  public boolean includes(String check) {
    return checks.isEmpty() || checks.contains(check);
  }

  private static void positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new DatahubException(name + " must be > 0, got " + value);
    }
  }

  private static void fraction(String name, double value) {
    if (!(value > 0 && value < 1)) {
      throw new DatahubException(name + " must be between 0 and 1 (exclusive), got " + value);
    }
  }
}
