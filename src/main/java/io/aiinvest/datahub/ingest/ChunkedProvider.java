package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderException.Kind;
import io.aiinvest.datahub.provider.SymbolMetadata;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A provider whose requests may cover at most {@code maxDays} calendar days: a longer range is fetched as consecutive
 * chunks, oldest first, and the answers merged into one. A chunk without data (before a listing, say) is skipped; only
 * when no chunk has data does the fetch fail with {@link Kind#NO_DATA}. Any other failure of a chunk fails the whole
 * fetch, so a chain falls back to its next provider for the whole range rather than mixing providers in one series.
 */
public final class ChunkedProvider implements BarProvider {
  private final BarProvider delegate;
  private final int maxDays;

  /** @param maxDays the longest range one request may cover; 0 for no limit */
  public ChunkedProvider(BarProvider delegate, int maxDays) {
    if (maxDays < 0) {
      throw new DatahubException(delegate.id() + ": max days per request must be >= 0, got " + maxDays);
    }
    this.delegate = delegate;
    this.maxDays = maxDays;
  }

  @Override
  public ProviderId id() {
    return delegate.id();
  }

  @Override
  public Optional<SymbolMetadata> metadata(Symbol symbol) {
    return delegate.metadata(symbol);
  }

  @Override
  public ProviderBars fetch(Symbol symbol, DateRange range) {
    List<DateRange> chunks = chunks(range, maxDays);
    if (chunks.size() == 1) {
      return delegate.fetch(symbol, range);
    }
    List<ProviderBars> answers = new ArrayList<>();
    for (DateRange chunk : chunks) {
      try {
        answers.add(delegate.fetch(symbol, chunk));
      } catch (ProviderException e) {
        if (e.kind() != Kind.NO_DATA) {
          throw e;
        }
      }
    }
    if (answers.isEmpty()) {
      throw new ProviderException(delegate.id(), Kind.NO_DATA,
          symbol + " " + range + ": no data in any of " + chunks.size() + " requests of at most " + maxDays + " days");
    }
    return merge(symbol, answers, answers.size() == chunks.size());
  }

  /**
   * The range cut into consecutive inclusive chunks of at most {@code maxDays} days; the range itself when it is
   * open at either end (its length is unknown) or short enough.
   */
  static List<DateRange> chunks(DateRange range, int maxDays) {
    if (maxDays == 0 || range.from().isEmpty() || range.to().isEmpty()) {
      return List.of(range);
    }
    LocalDate from = range.from().get();
    LocalDate to = range.to().get();
    if (ChronoUnit.DAYS.between(from, to) < maxDays) {
      return List.of(range);
    }
    List<DateRange> chunks = new ArrayList<>();
    for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(maxDays)) {
      LocalDate end = start.plusDays(maxDays - 1L);
      chunks.add(DateRange.of(start, end.isAfter(to) ? to : end));
    }
    return chunks;
  }

  /**
   * One answer of all chunks. It vouches for a complete action list over the whole range only when every chunk
   * answered and vouched for its own: a chunk that had no data said nothing about its actions.
   */
  private ProviderBars merge(Symbol symbol, List<ProviderBars> answers, boolean everyChunk) {
    PriceBasis basis = answers.get(0).basis();
    ProviderId source = answers.get(0).source();
    List<DailyBar> bars = new ArrayList<>();
    Set<CorporateAction> actions = new LinkedHashSet<>();
    List<Rejection> rejections = new ArrayList<>();
    LocalDate last = null;
    for (ProviderBars answer : answers) {
      if (answer.basis() != basis) {
        throw new ProviderException(delegate.id(), Kind.BAD_RESPONSE, symbol + ": one chunk came " + basis
            + ", another " + answer.basis() + "; refusing to mix them");
      }
      for (DailyBar bar : answer.bars()) {
        // Chunks do not overlap, but a provider may answer a little outside the range asked for.
        if (last == null || bar.date().isAfter(last)) {
          bars.add(bar);
          last = bar.date();
        }
      }
      actions.addAll(answer.actions());
      rejections.addAll(answer.rejections());
    }
    Optional<DateRange> coverage = Optional.empty();
    if (everyChunk && answers.stream().allMatch(a -> a.actionCoverage().isPresent())) {
      coverage = Optional.of(new DateRange(answers.get(0).actionCoverage().get().from(),
          answers.get(answers.size() - 1).actionCoverage().get().to()));
    }
    return new ProviderBars(symbol, source, basis, bars, List.copyOf(actions), rejections, coverage);
  }
}
