package io.aiinvest.datahub.domain;

/** How bad a data-quality finding is; stored as its name in {@code data_quality_log.severity}. */
public enum Severity {
  INFO,
  WARNING,
  ERROR
}
