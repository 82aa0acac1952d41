package io.aiinvest.datahub.domain;

import java.util.ArrayList;
import java.util.List;

/** What one bulk load did: every input row is counted exactly once in one of the four outcomes. */
public record LoadResult(long inserted, long updated, long unchanged, List<Rejection> rejections) {
  public static final LoadResult EMPTY = new LoadResult(0, 0, 0, List.of());

  public LoadResult {
    rejections = List.copyOf(rejections);
  }

  public long rejected() {
    return rejections.size();
  }

  public long total() {
    return inserted + updated + unchanged + rejected();
  }

  public LoadResult plus(LoadResult other) {
    List<Rejection> all = new ArrayList<>(rejections);
    all.addAll(other.rejections);
    return new LoadResult(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged, all);
  }

  public LoadResult withRejections(List<Rejection> more) {
    return plus(new LoadResult(0, 0, 0, more));
  }
}
