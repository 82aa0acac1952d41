package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.IngestSettings;
import io.aiinvest.datahub.ingest.SymbolLookupService;
import io.aiinvest.datahub.provider.BarProvider;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahub add-symbol}: registers a symbol or updates what is known of it. */
@Command(
    name = "add-symbol",
    mixinStandardHelpOptions = true,
    description = {
        "Start tracking a symbol, or update its metadata. Symbols are stored upper-case; letters, digits and",
        ". - ^ = are allowed, at most 20 characters. Options left out keep their stored value.",
        "With --lookup, name, exchange and asset type come from the provider's metadata; options given win.",
        "",
        "Examples:",
        "  datahub add-symbol AAPL --name 'Apple Inc.' --exchange NASDAQ --asset-type stock",
        "  datahub add-symbol MSFT --lookup",
        "  datahub add-symbol BRK.B --lookup --provider yahoo --name 'Berkshire Hathaway B'"
    })
final class AddSymbolCommand extends HubSubcommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SYMBOL", description = "The ticker, e.g. AAPL, BRK.B, ^GSPC.")
  String symbol;

  @Option(names = "--name", description = "Instrument name.")
  String name;

  @Option(names = "--exchange", description = "Listing exchange, e.g. NYSE, NASDAQ (decides its trading calendar).")
  String exchange;

  @Option(names = "--asset-type", description = "stock, etf, index, fund, ...")
  String assetType;

  @Option(names = "--sector", description = "Sector.")
  String sector;

  @Option(names = "--industry", description = "Industry.")
  String industry;

  @Option(names = "--source", description = "Preferred data source, e.g. yahoo.")
  String source;

  @Option(names = "--listed-on", paramLabel = "DATE", converter = DateConverter.class,
      description = "First trading day; completeness expects bars from then on (YYYY-MM-DD).")
  LocalDate listedOn;

  @Option(names = "--delisted-on", paramLabel = "DATE", converter = DateConverter.class,
      description = "Last possible trading day; no bar is expected after it (YYYY-MM-DD).")
  LocalDate delistedOn;

  @Option(names = "--inactive", description = "Register it as inactive (kept, but not updated by daily jobs).")
  boolean inactive;

  @Option(names = "--lookup", description = "Fill name, exchange and asset type from the provider's metadata.")
  boolean lookup;

  @Option(
      names = "--provider",
      paramLabel = "NAME[,NAME…]",
      description = "Providers to look up in order (default: DATAHUB_PROVIDERS, else yahoo).")
  String provider;

  @Override
  public Integer call() {
    if (provider != null && !lookup) {
      throw new DatahubException("--provider names where to look the symbol up; it needs --lookup");
    }
    Optional<BarProvider> lookupFrom = lookup
        ? Optional.of(providers().chain(provider == null
            ? ingestSettings().defaultProviders()
            : IngestSettings.parseProviders(provider)))
        : Optional.empty();
    SymbolLookupService.Registered registered = new SymbolLookupService(store()).register(new SymbolInfo(
        Symbol.of(symbol),
        Optional.ofNullable(name),
        Optional.ofNullable(exchange),
        Optional.ofNullable(assetType),
        Optional.ofNullable(sector),
        Optional.ofNullable(industry),
        !inactive,
        Optional.ofNullable(source),
        Optional.ofNullable(listedOn),
        Optional.ofNullable(delistedOn)), lookupFrom);
    SymbolInfo stored = registered.symbol();
    out().println((registered.added() ? "added " : "updated ") + stored.symbol()
        + stored.name().map(n -> " (" + n + ")").orElse("")
        + stored.exchange().map(e -> " exchange=" + e).orElse("")
        + stored.assetType().map(t -> " asset_type=" + t).orElse("")
        + (stored.active() ? "" : " [inactive]"));
    return 0;
  }
}
