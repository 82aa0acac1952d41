package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.CorporateActionsService;
import io.aiinvest.datahub.ingest.IngestListener;
import io.aiinvest.datahub.ingest.IngestReport;
import io.aiinvest.datahub.ingest.IngestRequest;
import io.aiinvest.datahub.ingest.IngestSettings;
import io.aiinvest.datahub.ingest.IngestSources;
import io.aiinvest.datahub.ingest.IngestWorkflow;
import io.aiinvest.datahub.ingest.SymbolOutcome;
import io.aiinvest.datahub.provider.ProviderFailure;
import io.aiinvest.datahub.provider.ProviderRegistry;
import io.aiinvest.datahub.provider.csv.CsvBarProvider;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahub ingest}: fetch bars and corporate actions and store them. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Fetch daily bars and corporate actions of symbols and store them as traded. Providers are tried in order",
        "per symbol; each bar records the provider it came from. A symbol that fails stores nothing and never stops",
        "the others; the run ends with one row per symbol and exits 1 if any symbol failed. Re-running is safe:",
        "identical bars are left unchanged, changed ones are updated and their old values kept as revisions.",
        "",
        "Without --from the run is incremental: each symbol from the day after its last stored bar (a symbol without",
        "bars from DATAHUB_DEFAULT_HISTORY_START, default one year back); a symbol with nothing new is 'up to date'.",
        "A file (--provider csv) is read whole instead. Sessions end at the last completed session of the symbol's",
        "exchange (or --to, if earlier), so a live, unfinished bar is never stored.",
        "",
        "Examples:",
        "  datahub ingest --all                                 (daily update from DATAHUB_PROVIDERS, default yahoo)",
        "  datahub ingest AAPL MSFT --provider yahoo,stooq      (Stooq where Yahoo fails)",
        "  datahub ingest --all --from 2000-01-01               (backfill)",
        "  datahub ingest AAPL --provider csv --path data/AAPL.csv",
        "  datahub ingest --all --provider csv --path data/     (one SYMBOL.csv per symbol)"
    },
    footer = {
        "",
        "Symbols are fetched in parallel up to each provider's <PROVIDER>_CONCURRENCY (yahoo 8, stooq 2, polygon 2,",
        "alphavantage 1) within its rate limit; long ranges are split per <PROVIDER>_MAX_DAYS_PER_REQUEST.",
        "",
        "CSV layouts: Yahoo / yfinance exports (Date or Datetime, Open, High, Low, Close, Adj Close, Volume, optional",
        "Dividends and Stock Splits) and Stooq (Date,Open,High,Low,Close,Volume). Dividends and Stock Splits become",
        "corporate actions. A malformed file is refused whole, naming the line and column."
    })
final class IngestCommand extends HubSubcommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Parameters(paramLabel = "SYMBOL", arity = "1..*", description = "Symbols to ingest.")
    List<String> symbols;

    @Option(names = "--all", required = true, description = "Every active symbol.")
    boolean all;
  }

  @Option(names = "--from", paramLabel = "DATE", description = "First session date (YYYY-MM-DD); a backfill.")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last session date (default: last completed session).")
  LocalDate to;

  @Option(
      names = "--provider",
      paramLabel = "NAME[,NAME…]",
      description = "Providers to try in order: yahoo, stooq, alphavantage, polygon, csv (default: DATAHUB_PROVIDERS,"
          + " else yahoo; csv when --path is given).")
  String provider;

  @Option(names = "--path", paramLabel = "FILE_OR_DIR", description = "CSV file, or directory of SYMBOL.csv files.")
  Path path;

  @Option(
      names = "--prices",
      paramLabel = "as-traded|split-adjusted",
      description = "What the file's prices carry. Default: split-adjusted for the Yahoo layout (its Close is"
          + " split-adjusted as of the download), as-traded otherwise.")
  String prices;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Symbols fetched at once from each provider (default: <PROVIDER>_CONCURRENCY).")
  Integer concurrency;

  @Option(
      names = "--actions-only",
      description = "Fetch and store splits and dividends only (all the provider has, or from --from); bars are"
          + " left alone.")
  boolean actionsOnly;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() {
    if (concurrency != null && concurrency < 1) {
      throw new DatahubException("--concurrency must be >= 1, got " + concurrency);
    }
    if (actionsOnly && to != null) {
      throw new DatahubException("--actions-only fetches actions up to today; --to does not apply");
    }
    List<String> names = providerNames();
    IngestSettings settings = ingestSettings();
    ProviderRegistry registry = registry(names);
    IngestSources sources = IngestSources.of(
        names.stream().map(registry::get).toList(),
        settings,
        concurrency == null ? OptionalInt.empty() : OptionalInt.of(concurrency));
    List<Symbol> symbols = target.all
        ? store().listSymbols(false).stream().map(SymbolInfo::symbol).toList()
        : target.symbols.stream().map(Symbol::of).distinct().toList();
    if (symbols.isEmpty()) {
      throw new DatahubException("no active symbols to ingest; add some with 'datahub add-symbol SYMBOL'");
    }
    IngestListener progress = symbols.size() > 1
        ? new IngestProgress(err(), clock(), IngestProgress.DEFAULT_EVERY)
        : IngestListener.NONE;
    IngestWorkflow workflow = new IngestWorkflow(store(), calendars(), clock(), settings);
    IngestReport report = actionsOnly
        ? new CorporateActionsService(workflow).refresh(symbols, Optional.ofNullable(from), sources, progress)
        : workflow.run(request(symbols, names), sources, progress);
    print(report);
    return report.anyFailed() ? 1 : 0;
  }

  private List<String> providerNames() {
    if (provider != null) {
      return IngestSettings.parseProviders(provider);
    }
    return path != null ? List.of(ProviderId.CSV.value()) : ingestSettings().defaultProviders();
  }

  /** The standard providers, plus {@code csv} reading {@code --path} when the chain names it. */
  private ProviderRegistry registry(List<String> names) {
    boolean csv = names.contains(ProviderId.CSV.value());
    if (csv && path == null) {
      throw new DatahubException("--provider csv needs --path FILE_OR_DIR");
    }
    if (!csv && path != null) {
      throw new DatahubException("--path is read by the csv provider; add csv to --provider");
    }
    if (!csv && prices != null) {
      throw new DatahubException("--prices describes a CSV file; it needs --provider csv");
    }
    if (!csv) {
      return providers();
    }
    Optional<PriceBasis> basis = basis();
    return providers().with(ProviderId.CSV.value(), (config, clock, http) -> new CsvBarProvider(path, basis));
  }

  /** A file holds a whole history, so a run over files alone reads them whole rather than from the last bar. */
  private IngestRequest request(List<Symbol> symbols, List<String> names) {
    IngestRequest.Start start = names.equals(List.of(ProviderId.CSV.value()))
        ? IngestRequest.Start.WHOLE_SOURCE
        : IngestRequest.Start.INCREMENTAL;
    return new IngestRequest(symbols, Optional.ofNullable(from), Optional.ofNullable(to), start,
        IngestRequest.Content.BARS_AND_ACTIONS);
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

  private void print(IngestReport report) {
    Rows rows = new Rows(List.of("symbol", "status", "provider", "from", "to", "inserted", "updated", "unchanged",
        "rejected", "actions_new", "actions_revised", "actions_withdrawn", "actions_refused", "error"));
    for (SymbolOutcome o : report.outcomes()) {
      rows.add(o.symbol().value(), status(o.status()), o.provider().map(Object::toString),
          o.range().flatMap(DateRange::from).map(Object::toString), o.range().flatMap(DateRange::to)
              .map(Object::toString), o.bars().inserted(), o.bars().updated(), o.bars().unchanged(),
          o.bars().rejected(), o.actions().inserted(), o.actions().revised(), o.actions().withdrawn(),
          o.actions().rejected(), o.error());
    }
    rows.print(out(), format == OutputFormat.JSON ? OutputFormat.JSON : OutputFormat.TABLE);
    if (format == OutputFormat.JSON) {
      return;
    }
    for (SymbolOutcome o : report.outcomes()) {
      o.error().ifPresent(error -> out().println(o.symbol() + " failed: " + error));
      if (o.succeeded() && !o.fallbacks().isEmpty()) {
        out().println(o.symbol() + ": " + o.provider().map(p -> "fetched from " + p + " after ").orElse("")
            + String.join("; ", o.fallbacks().stream().map(ProviderFailure::toString).toList()));
      }
      List<Rejection> rejections = o.bars().rejections();
      rejections.stream().limit(20).forEach(r -> out().println(r));
      if (rejections.size() > 20) {
        out().println("… and " + (rejections.size() - 20) + " more rejected rows of " + o.symbol());
      }
      o.actions().rejections().forEach(r -> out().println("action " + r));
    }
    var bars = report.totalBars();
    var actions = report.totalActions();
    out().printf("%d symbols (%d failed): %d inserted, %d updated, %d unchanged, %d rejected", report.outcomes().size(),
        report.failedCount(), bars.inserted(), bars.updated(), bars.unchanged(), bars.rejected());
    long upToDate = report.count(SymbolOutcome.Status.UP_TO_DATE);
    if (upToDate > 0) {
      out().printf("; %d up to date", upToDate);
    }
    out().printf("; actions %d new, %d revised, %d unchanged, %d withdrawn, %d refused%n", actions.inserted(),
        actions.revised(), actions.unchanged(), actions.withdrawn(), actions.rejected());
    if (bars.rejected() > 0) {
      out().println("rejected rows are logged as data-quality findings: datahub view-issues --check ohlc_ingest");
    }
    out().flush();
  }

  static String status(SymbolOutcome.Status status) {
    return switch (status) {
      case OK -> "ok";
      case UP_TO_DATE -> "up to date";
      case FAILED -> "failed";
    };
  }
}
