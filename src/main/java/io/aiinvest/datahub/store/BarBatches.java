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
import java.util.TreeSet;

/** Checks every store makes on a write before touching the database, so both refuse the same inputs alike. */
public final class BarBatches {
  private BarBatches() {}

  /** The bars sorted by symbol and date; a bar given twice refuses the whole write. */
  public static List<DailyBar> sortedWithoutDuplicates(List<DailyBar> bars) {
    List<DailyBar> sorted = new ArrayList<>(bars);
    sorted.sort(Comparator.comparing(DailyBar::symbol).thenComparing(DailyBar::date));
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

  /** Every symbol a write touches, in order. */
  public static Set<Symbol> symbols(Collection<DailyBar> bars, Collection<CorporateAction> actions) {
    Set<Symbol> symbols = new TreeSet<>();
    bars.forEach(b -> symbols.add(b.symbol()));
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
