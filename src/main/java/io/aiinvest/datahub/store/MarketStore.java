package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.ActionLoadResult;
import io.aiinvest.datahub.domain.ActionRevision;
import io.aiinvest.datahub.domain.BarRevision;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.InvalidBarException;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.RepairAttempt;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The hub's storage port: every feature reads and writes market data through it, and one contract test suite runs
 * against each implementation (PostgreSQL, DuckDB). Bars are stored as traded; writes are idempotent.
 */
public interface MarketStore extends AutoCloseable {

  /** Where the data lives, safe to print (no password). */
  String describe();

  /** The schema version the store migrated to on open. */
  String schemaVersion();

  // ---- symbols

  /** Inserts the symbol or updates its metadata; returns what is stored. */
  SymbolInfo upsertSymbol(SymbolInfo symbol);

  Optional<SymbolInfo> findSymbol(Symbol symbol);

  /** The stored symbol, or {@link UnknownSymbolException} naming how to add it. */
  default SymbolInfo getSymbol(Symbol symbol) {
    return findSymbol(symbol).orElseThrow(() -> new UnknownSymbolException(symbol));
  }

  /** Symbols ordered by name; inactive ones only when asked. */
  List<SymbolInfo> listSymbols(boolean includeInactive);

  // ---- bars and actions

  /**
   * Stores bars and actions in one transaction: either all of it lands or none of it. Bars whose values differ from
   * the stored ones are updated and their old values kept in the revision history; identical bars are left alone.
   * Bars of symbols that are not registered are refused.
   */
  default WriteResult write(List<DailyBar> bars, List<CorporateAction> actions) {
    return write(bars, actions, Optional.empty());
  }

  /**
   * As {@link #write(List, List)}; when {@code replacing} is given, {@code actions} are that provider's complete list
   * for the window, and stored actions of the symbol from the same provider with ex-date in the window that the list
   * lacks are removed and recorded as withdrawn, in the same transaction. Every action must then belong to the
   * window's symbol and provider and lie inside the window.
   */
  WriteResult write(List<DailyBar> bars, List<CorporateAction> actions, Optional<ActionWindow> replacing);

  /**
   * Stores several symbols' bars and actions and reports each symbol's counts, keyed in the order given: the bulk
   * path of ingest, which would otherwise pay one transaction per symbol. Each symbol's bars and actions land together
   * or not at all, and an implementation should store the whole batch in one transaction. This default writes one
   * symbol per transaction, so when it throws the symbols before the failing one are stored; writing them again is
   * idempotent.
   */
  default Map<Symbol, WriteResult> writeBatch(List<SymbolWrite> writes) {
    Map<Symbol, WriteResult> results = new LinkedHashMap<>();
    for (SymbolWrite write : SymbolWrite.distinct(writes)) {
      results.put(write.symbol(), write(write.bars(), write.actions(), write.replacing()));
    }
    return results;
  }

  default LoadResult upsertBars(List<DailyBar> bars) {
    return write(bars, List.of()).bars();
  }

  default ActionLoadResult upsertActions(List<CorporateAction> actions) {
    return write(List.of(), actions).actions();
  }

  /**
   * Makes {@code actions} the stored list of {@code source}'s actions of {@code symbol} over {@code window}: new ones
   * are inserted, changed ones revised, absent ones withdrawn; revisions and withdrawals are kept in the history.
   */
  default ActionLoadResult replaceActions(
      Symbol symbol, DateRange window, ProviderId source, List<CorporateAction> actions) {
    return write(List.of(), actions, Optional.of(new ActionWindow(symbol, source, window))).actions();
  }

  /** Stored (as-traded) bars of one symbol in the range, oldest first. */
  List<DailyBar> bars(Symbol symbol, DateRange range);

  /**
   * For each date, the latest stored bar of the symbol strictly before it (the bar whose close a dividend with that
   * ex-date is measured against); dates with no earlier bar are absent from the result.
   */
  Map<LocalDate, DailyBar> previousBars(Symbol symbol, Collection<LocalDate> dates);

  Optional<LocalDate> firstBarDate(Symbol symbol);

  Optional<LocalDate> lastBarDate(Symbol symbol);

  /**
   * The bar dates of each symbol in the range plus its first and last bar date over all history, keyed in the order
   * given; a symbol without bars gets empty dates. Completeness and repair read many symbols through this, so an
   * implementation should answer in a few set-based queries; the default reads bars one symbol at a time.
   */
  default Map<Symbol, BarDates> barDates(Collection<Symbol> symbols, DateRange range) {
    Map<Symbol, BarDates> result = new LinkedHashMap<>();
    for (Symbol symbol : symbols) {
      result.put(symbol, new BarDates(symbol, firstBarDate(symbol), lastBarDate(symbol), range,
          bars(symbol, range).stream().map(DailyBar::date).toList()));
    }
    return result;
  }

  /** Number of stored bars, of one symbol or of all when empty. */
  long countBars(Optional<Symbol> symbol);

  /** Earlier values of bars that an upsert changed, oldest revision first. */
  List<BarRevision> revisions(Symbol symbol, DateRange range);

  /** Corporate actions of one symbol with ex-date in the range, oldest first. */
  List<CorporateAction> actions(Symbol symbol, DateRange range);

  /** Earlier values of actions that a provider revised or withdrew, ex-date in the range, oldest change first. */
  List<ActionRevision> actionRevisions(Symbol symbol, DateRange range);

  // ---- data quality log

  /** Appends findings to the data-quality log; returns them with their ids. */
  List<QualityFinding> insertFindings(List<QualityFinding> findings);

  List<QualityFinding> findings(FindingQuery query);

  /**
   * The unresolved findings of the symbols from the given checks, oldest first: what a new run compares its results
   * with. The default reads the log symbol by symbol.
   */
  default List<QualityFinding> openFindings(Collection<Symbol> symbols, Collection<String> checkTypes) {
    Set<String> wanted = new HashSet<>(checkTypes);
    List<QualityFinding> open = new ArrayList<>();
    for (Symbol symbol : new TreeSet<>(symbols)) {
      List<QualityFinding> found = new ArrayList<>(findings(new FindingQuery(Optional.of(symbol), Optional.empty(),
          Optional.empty(), Optional.empty(), true, Integer.MAX_VALUE)));
      found.removeIf(f -> !wanted.contains(f.checkType()));
      Collections.reverse(found);
      open.addAll(found);
    }
    return open;
  }

  /**
   * Marks the findings resolved at {@code at} (a later run no longer finds them as they stand); findings already
   * resolved keep their time. Returns how many changed.
   */
  default int resolveFindings(Collection<Long> ids, Instant at) {
    if (ids.isEmpty()) {
      return 0;
    }
    throw new StoreException("resolving data-quality findings is not implemented for " + describe());
  }

  // ---- data quality: what the checks read

  /**
   * Hands each symbol's closes and volumes over the range to {@code consumer}, in symbol order, each symbol once
   * (an empty series when it has no bars there), with its actions from the range's start on. The quality suite reads
   * history through this once for all its series checks; the default reads bars and actions symbol by symbol, an
   * implementation should stream all symbols in one ordered read.
   */
  default void forEachSeries(Collection<Symbol> symbols, DateRange range, Consumer<BarSeries> consumer) {
    DateRange actionRange = new DateRange(range.from(), Optional.empty());
    for (Symbol symbol : new TreeSet<>(symbols)) {
      consumer.accept(BarSeries.of(symbol, bars(symbol, range), actions(symbol, actionRange)));
    }
  }

  /**
   * Stored bars of the symbols in the range that break a bar rule. The schema's constraints should make this empty;
   * the check is a guard against a load path or a migration that bypassed them. The default finds the first such
   * bar of each symbol by reading its bars, which refuses to build an invalid one.
   */
  default List<BarFault> barFaults(Collection<Symbol> symbols, DateRange range) {
    List<BarFault> faults = new ArrayList<>();
    for (Symbol symbol : new TreeSet<>(symbols)) {
      try {
        bars(symbol, range);
      } catch (InvalidBarException e) {
        Rejection rejection = e.toRejection();
        faults.add(new BarFault(symbol, rejection.date(), rejection.rule()));
      }
    }
    return faults;
  }

  /**
   * For each stored bar of the symbols in the range that replaced another provider's bar, the stored close beside
   * that provider's latest close (from the revision history), oldest first per symbol. The default reads revisions
   * and bars symbol by symbol.
   */
  default List<AlternateClose> alternateCloses(Collection<Symbol> symbols, DateRange range) {
    List<AlternateClose> result = new ArrayList<>();
    for (Symbol symbol : new TreeSet<>(symbols)) {
      Map<LocalDate, DailyBar> current = new HashMap<>();
      bars(symbol, range).forEach(b -> current.put(b.date(), b));
      // Revisions come oldest first, so a later one from the same provider overwrites an earlier one.
      Map<LocalDate, Map<ProviderId, DailyBar>> others = new TreeMap<>();
      for (BarRevision revision : revisions(symbol, range)) {
        DailyBar stored = current.get(revision.previous().date());
        if (stored != null && !stored.source().equals(revision.previous().source())) {
          others.computeIfAbsent(stored.date(), d -> new LinkedHashMap<>())
              .put(revision.previous().source(), revision.previous());
        }
      }
      others.forEach((date, byProvider) -> byProvider.values().forEach(other -> result.add(new AlternateClose(
          symbol, date, current.get(date).source(), current.get(date).close(), other.source(), other.close()))));
    }
    return result;
  }

  /**
   * How far the checks have examined the symbols, for incremental runs. A store that keeps no watermarks returns
   * none, so every run examines all history: correct, only slower.
   */
  default List<QualityWatermark> qualityWatermarks(Collection<Symbol> symbols, Collection<String> checkTypes) {
    return List.of();
  }

  /** Records the watermarks, replacing earlier ones of the same symbol and check; see {@link #qualityWatermarks}. */
  default void recordQualityWatermarks(Collection<QualityWatermark> watermarks, Instant at) {}

  /**
   * Lowers every check's watermark of each symbol to the given date where it lies beyond it, so the next incremental
   * run examines the symbol's sessions from that date on again; a watermark at or before the date, or a symbol or
   * check without one, is left as it is (this never raises a watermark, nor creates one). For writes that stored
   * bars in history a run has already examined (docs/quality.md). One statement for all symbols.
   *
   * @return the number of watermarks lowered
   */
  default int lowerQualityWatermarks(Map<Symbol, LocalDate> through) {
    return 0;
  }

  // ---- repair attempts

  /** What repair has tried for the symbol's sessions in the range, oldest session first. */
  List<RepairAttempt> repairAttempts(Symbol symbol, DateRange range);

  /**
   * Counts one more attempt, made at {@code attemptedAt} through {@code provider}, for each of the symbol's sessions
   * (the first attempt of a session creates its row); returns the updated attempts, oldest session first.
   */
  List<RepairAttempt> recordRepairAttempts(
      Symbol symbol, Collection<LocalDate> sessions, ProviderId provider, String outcome, Instant attemptedAt);

  @Override
  void close();

  /** What a {@link #write} did. */
  record WriteResult(LoadResult bars, ActionLoadResult actions) {}

  /**
   * One symbol's bars and actions, for {@link #writeBatch}; every bar and action belongs to {@code symbol}.
   *
   * @param replacing as for {@link #write(List, List, Optional)}: the window over which {@code actions} is the
   *     provider's complete list, whose stored actions missing from it are withdrawn
   */
  record SymbolWrite(
      Symbol symbol, List<DailyBar> bars, List<CorporateAction> actions, Optional<ActionWindow> replacing) {
    public SymbolWrite {
      Objects.requireNonNull(symbol, "symbol");
      bars = List.copyOf(bars);
      actions = List.copyOf(actions);
      if (replacing.isPresent() && !replacing.get().symbol().equals(symbol)) {
        throw new IllegalArgumentException("complete action list of " + replacing.get().symbol() + " in the write of "
            + symbol);
      }
      for (DailyBar bar : bars) {
        if (!bar.symbol().equals(symbol)) {
          throw new IllegalArgumentException("bar of " + bar.symbol() + " in the write of " + symbol);
        }
      }
      for (CorporateAction action : actions) {
        if (!action.symbol().equals(symbol)) {
          throw new IllegalArgumentException("action of " + action.symbol() + " in the write of " + symbol);
        }
      }
    }

    /** Bars and actions without a claim to a complete action list. */
    public SymbolWrite(Symbol symbol, List<DailyBar> bars, List<CorporateAction> actions) {
      this(symbol, bars, actions, Optional.empty());
    }

    /** The same write without its bars: actions only. */
    public SymbolWrite withoutBars() {
      return new SymbolWrite(symbol, List.of(), actions, replacing);
    }

    /** The writes unchanged, after checking that no symbol appears twice (its counts would be ambiguous). */
    public static List<SymbolWrite> distinct(List<SymbolWrite> writes) {
      if (writes.stream().map(SymbolWrite::symbol).distinct().count() != writes.size()) {
        throw new IllegalArgumentException("a symbol appears twice in one batch write: " + writes.stream()
            .map(SymbolWrite::symbol).toList());
      }
      return writes;
    }
  }
}
