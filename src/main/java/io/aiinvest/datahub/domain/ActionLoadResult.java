package io.aiinvest.datahub.domain;

/** What storing a set of corporate actions did; a changed action is revised, never silently replaced. */
public record ActionLoadResult(long inserted, long revised, long unchanged) {
  public static final ActionLoadResult EMPTY = new ActionLoadResult(0, 0, 0);

  public ActionLoadResult plus(ActionLoadResult other) {
    return new ActionLoadResult(inserted + other.inserted, revised + other.revised, unchanged + other.unchanged);
  }
}
