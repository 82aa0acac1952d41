package io.aiinvest.datahub.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What storing a set of corporate actions did: a changed action is revised and an action its provider no longer
 * lists is withdrawn, both recorded rather than silently applied; an action that fails ingest's validation is
 * rejected with its reason and never reaches the store.
 */
public record ActionLoadResult(
    long inserted, long revised, long unchanged, long withdrawn, List<Rejection> rejections) {
  public static final ActionLoadResult EMPTY = new ActionLoadResult(0, 0, 0, 0, List.of());

  public ActionLoadResult {
    rejections = List.copyOf(rejections);
  }

  public long rejected() {
    return rejections.size();
  }

  public ActionLoadResult plus(ActionLoadResult other) {
    List<Rejection> all = new ArrayList<>(rejections);
    all.addAll(other.rejections);
    return new ActionLoadResult(inserted + other.inserted, revised + other.revised, unchanged + other.unchanged,
        withdrawn + other.withdrawn, all);
  }

  public ActionLoadResult withRejections(List<Rejection> more) {
    return plus(new ActionLoadResult(0, 0, 0, 0, more));
  }
}
