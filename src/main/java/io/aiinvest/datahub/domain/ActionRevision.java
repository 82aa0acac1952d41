package io.aiinvest.datahub.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored corporate action that a provider changed or withdrew: {@code previous} is what the hub held until
 * {@code revisedAt}. Factors are computed on read, so they follow the change without any stored bar being touched.
 *
 * @param newSource the provider whose delivery revised or withdrew the action
 */
public record ActionRevision(
    CorporateAction previous, Change change, Instant revisedAt, Optional<ProviderId> newSource) {

  /** What happened to the action; stored lower-case in {@code corporate_action_revisions.change}. */
  public enum Change {
    /** The provider now reports another ratio, amount or currency for the same action. */
    REVISED,
    /** The provider's complete list for a window no longer contains the action; it was removed. */
    WITHDRAWN;

    public String dbName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Change fromDb(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  public ActionRevision {
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(revisedAt, "revisedAt");
    Objects.requireNonNull(newSource, "newSource");
  }
}
