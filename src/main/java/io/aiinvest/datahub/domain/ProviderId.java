package io.aiinvest.datahub.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** Names a data source (yahoo, stooq, alphavantage, polygon, csv, …); recorded on every bar and action. */
public record ProviderId(String value) {
  private static final Pattern FORMAT = Pattern.compile("[a-z0-9_\\-]{1,32}");

  public static final ProviderId CSV = new ProviderId("csv");

  public ProviderId {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new DatahubException("invalid provider name '" + value + "': use 1-32 lower-case letters or digits");
    }
  }

  public static ProviderId of(String raw) {
    return new ProviderId(raw == null ? null : raw.trim().toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return value;
  }
}
