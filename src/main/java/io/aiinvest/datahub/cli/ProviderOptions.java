package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderRegistry;
import io.aiinvest.datahub.provider.csv.CsvBarProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that choose where bars come from, shared by the commands that fetch them. */
final class ProviderOptions {
  private static final String CSV = "csv";

  @Option(
      names = "--provider",
      defaultValue = CSV,
      paramLabel = "NAME[,NAME…]",
      description = "Data source, or several in order of preference: csv, yahoo, stooq, alphavantage, polygon"
          + " (default: ${DEFAULT-VALUE}).")
  String provider;

  @Option(names = "--path", paramLabel = "FILE_OR_DIR", description = "CSV file, or directory of SYMBOL.csv files.")
  Path path;

  @Option(
      names = "--prices",
      paramLabel = "as-traded|split-adjusted",
      description = "What the file's prices carry. Default: split-adjusted for the Yahoo layout (its Close is"
          + " split-adjusted as of the download, its Stock Splits column gives the ratios), as-traded otherwise.")
  String prices;

  /**
   * The provider the flags name. A lone {@code csv} is built directly, so reading a file opens no HTTP client; any
   * other name goes through the registry, where several names make a fallback chain and {@code csv} may be one.
   */
  BarProvider build(HubConfig config, Clock clock) {
    String names = provider.strip().toLowerCase(Locale.ROOT);
    if (names.equals(CSV)) {
      return csv();
    }
    ProviderRegistry registry = ProviderRegistry.standard(config, clock).with(CSV, (c, k, h) -> csv());
    return names.contains(",") ? registry.chain(names) : registry.get(names);
  }

  private BarProvider csv() {
    if (path == null) {
      throw new DatahubException("--provider csv needs --path FILE_OR_DIR");
    }
    return new CsvBarProvider(path, basis());
  }

  private Optional<PriceBasis> basis() {
    if (prices == null) {
      return Optional.empty();
    }
    return switch (prices.toLowerCase(Locale.ROOT)) {
      case "as-traded" -> Optional.of(PriceBasis.AS_TRADED);
      case "split-adjusted" -> Optional.of(PriceBasis.SPLIT_ADJUSTED);
      default -> throw new DatahubException("--prices must be as-traded or split-adjusted, got '" + prices + "'");
    };
  }
}
