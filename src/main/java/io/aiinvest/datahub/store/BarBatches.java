package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.Symbol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Checks every store makes on a write before touching the database, so both refuse the same inputs alike. */
public final class BarBatches {
  private BarBatches() {}

  private static final Comparator<DailyBar> BY_KEY = BarBatches::compareKeys;

  /** The bars sorted by symbol and date; a bar given twice refuses the whole write. */
  public static List<DailyBar> sortedWithoutDuplicates(List<DailyBar> bars) {
    if (strictlyAscending(bars)) {
      // The usual case (providers deliver one symbol in date order): no copy, no sort.
      return bars;
    }
    List<DailyBar> sorted = new ArrayList<>(bars);
    sorted.sort(BY_KEY);
    for (int i = 1; i < sorted.size(); i++) {
      DailyBar previous = sorted.get(i - 1);
      DailyBar current = sorted.get(i);
      if (previous.symbol().equals(current.symbol()) && previous.date().equals(current.date())) {
        throw new DatahubException(
            "duplicate bar in one load: " + current.symbol() + " " + current.date() + " appears twice; nothing stored");
      }
    }
    return sorted;
  }

  private static boolean strictlyAscending(List<DailyBar> bars) {
    for (int i = 1; i < bars.size(); i++) {
      if (compareKeys(bars.get(i - 1), bars.get(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static int compareKeys(DailyBar a, DailyBar b) {
    int bySymbol = a.symbol().value().compareTo(b.symbol().value());
    return bySymbol != 0 ? bySymbol : a.date().compareTo(b.date());
  }

  /** Every symbol a write touches, in order. */
  public static SortedSet<Symbol> symbols(Collection<DailyBar> bars, Collection<CorporateAction> actions) {
    SortedSet<Symbol> symbols = new TreeSet<>();
    Symbol last = null;
    for (DailyBar bar : bars) {
      // Bars come grouped by symbol; adding each symbol once keeps this a pass over references.
      if (bar.symbol() != last) {
        last = bar.symbol();
        symbols.add(last);
      }
    }
    actions.forEach(a -> symbols.add(a.symbol()));
    return symbols;
  }

  /** Refuses the write when a symbol is not registered, naming the first one missing. */
  public static void requireRegistered(Set<Symbol> symbols, Set<Symbol> registered) {
    for (Symbol symbol : symbols) {
      if (!registered.contains(symbol)) {
        throw new UnknownSymbolException(symbol);
      }
    }
  }
}
