package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.MarketStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One instrument stored under two symbols: two series whose bars are identical (same close and volume on the same
 * session) on at least {@code minOverlap} common sessions, and on at least {@link #MIN_IDENTICAL_SHARE} of them — a
 * ticker change ingested as a new symbol, or two tickers a vendor maps to one listing. (Duplicate sessions inside one
 * incoming file are refused at ingest: the CSV provider and the store's write both reject a date twice.)
 *
 * <p>Comparing every pair of 5,000 series is 12.5M comparisons; instead, while the shared scan passes, a content-
 * defined sample of the bars (one in {@link #SAMPLE}, chosen by a hash of session, close and volume, so identical bars
 * are sampled in every series alike) goes into a hash table, and only pairs sharing {@link #MIN_SHARED_SAMPLES} sampled
 * bars are read again and compared bar by bar. Sessions without volume are left out: stale quotes of two illiquid
 * listings can coincide without being one instrument.
 *
 * <p>ERROR, one finding for each of the two symbols, dated on the first identical session, naming the other symbol.
 */
public final class DuplicateSeriesCheck implements SeriesCheck {
  public static final String NAME = "duplicate_series";

  /** One bar in this many is sampled (by content). */
  static final int SAMPLE = 8;
  /** Sampled bars two series must share before they are compared bar by bar. */
  static final int MIN_SHARED_SAMPLES = 3;
  /** Share of the common sessions that must be identical. */
  static final double MIN_IDENTICAL_SHARE = 0.95;

  private final SeriesScan scan;
  private final MarketStore store;
  private final int minOverlap;

  DuplicateSeriesCheck(SeriesScan scan, MarketStore store, QualityOptions options) {
    this.scan = scan;
    this.store = store;
    this.minOverlap = options.duplicateMinOverlap();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int lookback() {
    return minOverlap;
  }

  @Override
  public SeriesScan scan() {
    return scan;
  }

  @Override
  public SeriesExamination start(ScanContext context) {
    return new Examination(context.checkTime(), context.read());
  }

  private final class Examination implements SeriesExamination {
    private final Instant checkTime;
    private final DateRange read;
    private final List<Symbol> symbols = new ArrayList<>();
    private final SampleTable samples = new SampleTable();
    private final Map<Long, Integer> sharedByPair = new HashMap<>();

    Examination(Instant checkTime, DateRange read) {
      this.checkTime = checkTime;
      this.read = read;
    }

    @Override
    public void examine(SymbolInfo symbol, PriceSeries series, int focusStart) {
      int index = symbols.size();
      symbols.add(series.symbol());
      for (int i = 0; i < series.size(); i++) {
        if (series.volume(i) == 0) {
          continue;
        }
        long key = mix(series.epochDay(i) * 0x9E3779B97F4A7C15L
            ^ Double.doubleToLongBits(series.close(i)) * 0xC2B2AE3D27D4EB4FL ^ series.volume(i));
        if (Long.remainderUnsigned(key, SAMPLE) != 0) {
          continue;
        }
        int other = samples.putIfAbsent(key, index);
        if (other >= 0 && other != index) {
          sharedByPair.merge((long) other << 32 | index, 1, Integer::sum);
        }
      }
    }

    @Override
    public List<QualityFinding> finish() {
      Map<Symbol, FindingDetails.Builder> bySymbol = new TreeMap<>();
      Map<Symbol, LocalDate[]> spans = new HashMap<>();
      sharedByPair.forEach((pair, shared) -> {
        if (shared < MIN_SHARED_SAMPLES) {
          return;
        }
        Symbol a = symbols.get((int) (pair >>> 32));
        Symbol b = symbols.get((int) (pair & 0xFFFFFFFFL));
        compare(a, b).ifPresent(overlap -> {
          record(bySymbol, spans, a, b, overlap);
          record(bySymbol, spans, b, a, overlap);
        });
      });
      List<QualityFinding> findings = new ArrayList<>();
      bySymbol.forEach((symbol, details) -> details.toFinding(symbol, NAME, checkTime,
          Optional.of(spans.get(symbol)[0]), Optional.of(spans.get(symbol)[1]))
          .ifPresent(findings::add));
      return findings;
    }

    private void record(Map<Symbol, FindingDetails.Builder> bySymbol, Map<Symbol, LocalDate[]> spans, Symbol symbol,
        Symbol other, Overlap overlap) {
      FindingDetails.Builder details = bySymbol.computeIfAbsent(symbol, s -> FindingDetails.builder()
          .threshold("min_overlap", minOverlap).threshold("min_identical_share", MIN_IDENTICAL_SHARE));
      details.item(overlap.first(), Severity.ERROR, "identical_series", item -> {
        item.put("other_symbol", other.value());
        item.put("to", overlap.last().toString());
        item.put("common_sessions", overlap.common());
        item.put("identical_sessions", overlap.identical());
      });
      LocalDate[] span = spans.computeIfAbsent(symbol, s -> new LocalDate[] {overlap.first(), overlap.last()});
      span[0] = span[0].isBefore(overlap.first()) ? span[0] : overlap.first();
      span[1] = span[1].isAfter(overlap.last()) ? span[1] : overlap.last();
    }

    private Optional<Overlap> compare(Symbol a, Symbol b) {
      Map<LocalDate, DailyBar> left = new HashMap<>();
      store.bars(a, read).forEach(bar -> left.put(bar.date(), bar));
      int common = 0;
      int identical = 0;
      LocalDate first = null;
      LocalDate last = null;
      for (DailyBar bar : store.bars(b, read)) {
        DailyBar other = left.get(bar.date());
        if (other == null) {
          continue;
        }
        common++;
        if (other.close().compareTo(bar.close()) == 0 && other.volume() == bar.volume()) {
          identical++;
          first = first == null ? bar.date() : first;
          last = bar.date();
        }
      }
      if (identical >= minOverlap && identical >= MIN_IDENTICAL_SHARE * common) {
        return Optional.of(new Overlap(first, last, common, identical));
      }
      return Optional.empty();
    }
  }

  private record Overlap(LocalDate first, LocalDate last, int common, int identical) {}

  /** SplitMix64's finaliser: spreads the bits so that the low ones can pick the sample. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** An open-addressing table from a sampled bar's key to the first series it was seen in. */
  static final class SampleTable {
    private long[] keys = new long[1 << 12];
    private int[] values = new int[1 << 12];
    private boolean[] used = new boolean[1 << 12];
    private int size;

    /** The series already holding the key, or -1 after storing {@code value} under it. */
    int putIfAbsent(long key, int value) {
      if (size * 2 >= keys.length) {
        grow();
      }
      int mask = keys.length - 1;
      int slot = (int) mix(key) & mask;
      while (used[slot]) {
        if (keys[slot] == key) {
          return values[slot];
        }
        slot = (slot + 1) & mask;
      }
      used[slot] = true;
      keys[slot] = key;
      values[slot] = value;
      size++;
      return -1;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldValues = values;
      boolean[] oldUsed = used;
      keys = new long[oldKeys.length * 2];
      values = new int[oldKeys.length * 2];
      used = new boolean[oldKeys.length * 2];
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldUsed[i]) {
          putIfAbsent(oldKeys[i], oldValues[i]);
        }
      }
    }
  }
}
