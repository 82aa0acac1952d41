package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.ActionLoadResult;
import io.aiinvest.datahub.domain.ActionRevision;
import io.aiinvest.datahub.domain.BarRevision;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.RepairAttempt;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
