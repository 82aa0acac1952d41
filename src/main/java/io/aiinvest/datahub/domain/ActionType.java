package io.aiinvest.datahub.domain;

import java.util.Locale;

/** The kinds of corporate action the hub tracks; stored lower-case in {@code corporate_actions.action_type}. */
public enum ActionType {
  SPLIT,
  DIVIDEND;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ActionType fromDb(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
