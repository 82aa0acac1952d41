package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.domain.SymbolInfo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code datahub list-symbols}. */
@Command(
    name = "list-symbols",
    mixinStandardHelpOptions = true,
    description = "List tracked symbols (active ones unless --all).")
final class ListSymbolsCommand extends HubSubcommand implements Callable<Integer> {
  @Option(names = "--all", description = "Include inactive symbols.")
  boolean all;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() {
    List<SymbolInfo> symbols = store().listSymbols(all);
    Rows rows = new Rows(List.of(
        "symbol", "name", "exchange", "asset_type", "sector", "industry", "is_active", "data_source"));
    for (SymbolInfo s : symbols) {
      rows.add(s.symbol().value(), s.name(), s.exchange(), s.assetType(), s.sector(), s.industry(), s.active(),
          s.dataSource());
    }
    rows.print(out(), format);
    return 0;
  }
}
