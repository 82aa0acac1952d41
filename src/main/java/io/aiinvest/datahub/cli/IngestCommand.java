package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.IngestReport;
import io.aiinvest.datahub.ingest.IngestService;
import io.aiinvest.datahub.ingest.SymbolOutcome;
import io.aiinvest.datahub.provider.BarProvider;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahub ingest}: fetch bars and corporate actions and store them. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Fetch daily bars and corporate actions of symbols and store them as traded. Each symbol is stored in one",
        "transaction: a symbol that fails stores nothing and never stops the others. Re-running is safe: identical",
        "bars are left unchanged, changed ones are updated and their old values kept as revisions.",
        "",
        "Examples:",
        "  datahub ingest AAPL --provider csv --path data/AAPL.csv",
        "  datahub ingest --all --provider csv --path data/        (one SYMBOL.csv per symbol)"
    },
    footer = {
        "",
        "CSV layouts: Yahoo / yfinance exports (Date or Datetime, Open, High, Low, Close, Adj Close, Volume, optional",
        "Dividends and Stock Splits) and Stooq (Date,Open,High,Low,Close,Volume). Dividends and Stock Splits become",
        "corporate actions. A malformed file is refused whole, naming the line and column.",
        "",
        "Bars are stored as traded. A Yahoo export's OHLC, volume and dividends are split-adjusted as of its download:",
        "ingest multiplies prices and dividends (and divides volumes) back by every later split, from the file's Stock",
        "Splits column and the splits already stored, so a bar exported before a split and after it store the same",
        "values. --prices as-traded says a file's prices are already as traded (an old download, another vendor).",
        "Adj Close is kept only as the provider's figure for 'corporate-actions --verify'.",
        "",
        "Actions are refused, with the reason, when the ex-date is not a session of the symbol's exchange or a",
        "dividend is not below the previous close. A file with both Dividends and Stock Splits columns lists every",
        "action over its dates: a stored csv action inside them that the file no longer has is withdrawn (kept in",
        "the revision history; 'corporate-actions --revisions' shows it)."
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

  @Option(names = "--from", paramLabel = "DATE", description = "First session date (YYYY-MM-DD).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last session date (YYYY-MM-DD).")
  LocalDate to;

  @Mixin ProviderOptions providerOptions;

  @Option(names = "--concurrency", defaultValue = "4", description = "Symbols fetched at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() {
    BarProvider source = providerOptions.build(config(), clock());
    List<Symbol> symbols = target.all
        ? store().listSymbols(false).stream().map(SymbolInfo::symbol).toList()
        : target.symbols.stream().map(Symbol::of).distinct().toList();
    if (symbols.isEmpty()) {
      throw new DatahubException("no active symbols to ingest; add some with 'datahub add-symbol SYMBOL'");
    }
    DateRange range = DateRange.of(from, to);
    boolean progress = symbols.size() > 1 && format != OutputFormat.JSON;
    SymbolSessions sessions = new SymbolSessions(calendars(), SymbolSessions.DEFAULT_FALLBACK_ZONE, clock());
    IngestReport report = new IngestService(store(), sessions).ingest(symbols, source, range, concurrency,
        (outcome, done, total) -> {
          if (progress) {
            synchronized (this) {
              err().printf("[%d/%d] %s %s%n", done, total, outcome.symbol(),
                  outcome.succeeded() ? "ok" : "FAILED: " + outcome.error().orElse(""));
              err().flush();
            }
          }
        });
    print(report);
    return report.anyFailed() ? 1 : 0;
  }

  private void print(IngestReport report) {
    Rows rows = new Rows(List.of("symbol", "provider", "inserted", "updated", "unchanged", "rejected", "actions_new",
        "actions_revised", "actions_withdrawn", "actions_refused", "error"));
    for (SymbolOutcome o : report.outcomes()) {
      rows.add(o.symbol().value(), o.provider().map(Object::toString), o.bars().inserted(), o.bars().updated(),
          o.bars().unchanged(), o.bars().rejected(), o.actions().inserted(), o.actions().revised(),
          o.actions().withdrawn(), o.actions().rejected(), o.error());
    }
    rows.print(out(), format == OutputFormat.JSON ? OutputFormat.JSON : OutputFormat.TABLE);
    if (format == OutputFormat.JSON) {
      return;
    }
    for (SymbolOutcome o : report.outcomes()) {
      List<Rejection> rejections = o.bars().rejections();
      o.error().ifPresent(error -> out().println(o.symbol() + " failed: " + error));
      rejections.stream().limit(20).forEach(r -> out().println(r));
      if (rejections.size() > 20) {
        out().println("… and " + (rejections.size() - 20) + " more rejected rows of " + o.symbol());
      }
      o.actions().rejections().forEach(r -> out().println("action " + r));
    }
    var total = report.totalBars();
    out().printf("%d symbols (%d failed): %d inserted, %d updated, %d unchanged, %d rejected%n",
        report.outcomes().size(), report.failedCount(), total.inserted(), total.updated(), total.unchanged(),
        total.rejected());
    out().flush();
  }
}
