package io.aiinvest.datahub.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A ticker as the hub stores it: upper-case letters, digits and {@code . - ^ =}, 1 to 20 characters. Validation
 * happens here so that nothing else ever reaches SQL or a provider URL.
 */
public record Symbol(String value) implements Comparable<Symbol> {
  public static final Pattern FORMAT = Pattern.compile("[A-Z0-9.\\-^=]{1,20}");

  public Symbol {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new DatahubException(
          "invalid symbol '" + printable(value) + "': use 1-20 letters, digits, '.', '-', '^' or '='");
    }
  }

  /** Parses user input: trims and upper-cases before validating. */
  public static Symbol of(String raw) {
    if (raw == null) {
      throw new DatahubException("invalid symbol: none given");
    }
    String trimmed = raw.trim();
    if (!trimmed.isEmpty() && FORMAT.matcher(trimmed.toUpperCase(Locale.ROOT)).matches()) {
      return new Symbol(trimmed.toUpperCase(Locale.ROOT));
    }
    return new Symbol(trimmed);
  }

  private static String printable(String value) {
    if (value == null) {
      return "";
    }
    String cut = value.length() > 40 ? value.substring(0, 40) + "…" : value;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  @Override
  public int compareTo(Symbol other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
