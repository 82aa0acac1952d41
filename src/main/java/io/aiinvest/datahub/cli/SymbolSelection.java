package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.MarketStore;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code SYMBOL… | --all} for commands that look at stored history, where inactive symbols count too. */
final class SymbolSelection {
  @Parameters(paramLabel = "SYMBOL", arity = "1..*", description = "Symbols to look at.")
  List<String> symbols;

  @Option(names = "--all", required = true, description = "Every symbol, active or not.")
  boolean all;

  /** The stored symbols named; an unknown one fails the command, naming how to add it. */
  List<SymbolInfo> resolve(MarketStore store) {
    List<SymbolInfo> resolved = all
        ? store.listSymbols(true)
        : symbols.stream().map(Symbol::of).distinct().map(store::getSymbol).toList();
    if (resolved.isEmpty()) {
      throw new DatahubException("no symbols stored; add some with 'datahub add-symbol SYMBOL'");
    }
    return resolved;
  }
}
