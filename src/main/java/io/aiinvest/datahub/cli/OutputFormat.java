package io.aiinvest.datahub.cli;

/** How a command prints rows: an aligned table for people, CSV or JSON for programs. */
public enum OutputFormat {
  TABLE,
  CSV,
  JSON
}
