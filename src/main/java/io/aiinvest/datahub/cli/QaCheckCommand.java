package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.quality.FindingDetails;
import io.aiinvest.datahub.quality.QualityOptions;
import io.aiinvest.datahub.quality.QualityService;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code datahub qa-check}: run the data-quality checks, log their findings and print them. */
@Command(
    name = "qa-check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Run the data-quality checks over stored history, log the findings in the data-quality log (findings no",
        "longer present are marked resolved) and print them as they now stand. Findings are not failures: the exit",
        "code is 0 with findings and 1 only when the run itself fails.",
        "",
        "Incremental by default: each check examines the sessions added since its last run on a symbol, with its",
        "trailing window as context. --full examines all history; --from/--to examine exactly that range.",
        "",
        "Checks: completeness, ohlc, price_anomaly, volume_spike, stale_series, missed_split, unit_100x,",
        "dividend_sanity, duplicate_series, cross_provider (docs/quality.md says what each one looks for);",
        "adjustment_crosscheck runs only when named with --check.",
        "",
        "Examples:",
        "  datahub qa-check --all",
        "  datahub qa-check AAPL MSFT --full --check price_anomaly,missed_split --format json",
        "  datahub qa-check --all --from 2024-01-01 --price-threshold 6"
    })
final class QaCheckCommand extends HubSubcommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  SymbolSelection target;

  @Option(names = "--from", paramLabel = "DATE", converter = DateConverter.class,
      description = "First session to examine (YYYY-MM-DD).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", converter = DateConverter.class,
      description = "Last session to examine (YYYY-MM-DD).")
  LocalDate to;

  @Option(names = "--check", paramLabel = "NAME", split = ",", description = "Only these checks (default: all).")
  List<String> checks = List.of();

  @Option(names = "--full", description = "Examine all history, not only the sessions added since the last run.")
  boolean full;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--window", defaultValue = "" + QualityOptions.DEFAULT_WINDOW,
      description = "Trailing sessions of the robust statistics (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--min-history", defaultValue = "" + QualityOptions.DEFAULT_MIN_HISTORY,
      description = "Trailing sessions a statistical verdict needs (default: ${DEFAULT-VALUE}).")
  int minHistory;

  @Option(names = "--price-threshold", defaultValue = "" + QualityOptions.DEFAULT_PRICE_THRESHOLD,
      description = "Robust z of a daily log return that is an anomaly (default: ${DEFAULT-VALUE}).")
  double priceThreshold;

  @Option(names = "--min-return-scale", defaultValue = "" + QualityOptions.DEFAULT_MIN_RETURN_SCALE,
      description = "Floor of the robust scale of daily log returns (default: ${DEFAULT-VALUE}).")
  double minReturnScale;

  @Option(names = "--volume-threshold", defaultValue = "" + QualityOptions.DEFAULT_VOLUME_THRESHOLD,
      description = "Robust z of log volume that is a spike (default: ${DEFAULT-VALUE}).")
  double volumeThreshold;

  @Option(names = "--stale-sessions", defaultValue = "" + QualityOptions.DEFAULT_STALE_SESSIONS,
      description = "Sessions with an unchanged close and no volume that make a series stale"
          + " (default: ${DEFAULT-VALUE}).")
  int staleSessions;

  @Option(names = "--split-tolerance", defaultValue = "" + QualityOptions.DEFAULT_SPLIT_TOLERANCE,
      description = "Relative distance from a split ratio that still matches it (default: ${DEFAULT-VALUE}).")
  double splitTolerance;

  @Option(names = "--unit-tolerance", defaultValue = "" + QualityOptions.DEFAULT_UNIT_TOLERANCE,
      description = "Relative distance from 100x that is a unit error (default: ${DEFAULT-VALUE}).")
  double unitTolerance;

  @Option(names = "--dividend-max-fraction", defaultValue = "" + QualityOptions.DEFAULT_DIVIDEND_MAX_FRACTION,
      description = "Dividend share of the previous close above which it is implausible (default: ${DEFAULT-VALUE}).")
  double dividendMaxFraction;

  @Option(names = "--dividend-drop-z", defaultValue = "" + QualityOptions.DEFAULT_DIVIDEND_DROP_Z,
      description = "Robust scales an ex-date return may miss the dividend's drop by (default: ${DEFAULT-VALUE}).")
  double dividendDropZ;

  @Option(names = "--dividend-duplicate-sessions",
      defaultValue = "" + QualityOptions.DEFAULT_DIVIDEND_DUPLICATE_SESSIONS,
      description = "Dividends this many sessions apart are suspected duplicates (default: ${DEFAULT-VALUE}).")
  int dividendDuplicateSessions;

  @Option(names = "--duplicate-min-overlap", defaultValue = "" + QualityOptions.DEFAULT_DUPLICATE_MIN_OVERLAP,
      description = "Identical common sessions that make two symbols one instrument (default: ${DEFAULT-VALUE}).")
  int duplicateMinOverlap;

  @Option(names = "--cross-provider-tolerance", defaultValue = "" + QualityOptions.DEFAULT_CROSS_PROVIDER_TOLERANCE,
      description = "Relative close difference between providers that is reported (default: ${DEFAULT-VALUE}).")
  double crossProviderTolerance;

  @Option(names = "--completeness-error-threshold",
      defaultValue = "" + QualityOptions.DEFAULT_COMPLETENESS_ERROR_THRESHOLD,
      description = "Missing sessions above which completeness is an ERROR (default: ${DEFAULT-VALUE}).")
  int completenessErrorThreshold;

  @Override
  public Integer call() {
    if (format == OutputFormat.CSV) {
      throw new DatahubException("qa-check prints table or json");
    }
    if (full && (from != null || to != null)) {
      throw new DatahubException("--full examines all history; leave out --from and --to, or --full");
    }
    List<Symbol> symbols = target.resolve(store()).stream().map(SymbolInfo::symbol).toList();
    QualityOptions options = new QualityOptions(Set.copyOf(checks), full, window, minHistory, priceThreshold,
        minReturnScale, volumeThreshold, staleSessions, splitTolerance, unitTolerance, dividendMaxFraction,
        dividendDropZ, dividendDuplicateSessions, duplicateMinOverlap, crossProviderTolerance,
        completenessErrorThreshold);
    QualityService service = new QualityService(store(), calendars(), clock());
    List<QualityFinding> findings = service.run(symbols, DateRange.of(from, to), options);
    print(findings, symbols.size());
    return 0;
  }

  private void print(List<QualityFinding> findings, int symbolCount) {
    if (format == OutputFormat.JSON) {
      Rows rows = new Rows(List.of("symbol", "check", "severity", "dates", "details"));
      for (QualityFinding f : findings) {
        rows.add(f.symbol().value(), f.checkType(), f.severity().name(), FindingDetails.dates(f),
            ViewIssuesCommand.json(f.details()));
      }
      rows.print(out(), OutputFormat.JSON);
      return;
    }
    if (findings.isEmpty()) {
      out().printf("no findings for %d symbols%n", symbolCount);
      out().flush();
      return;
    }
    Rows rows = new Rows(List.of("symbol", "check", "severity", "issues", "dates"));
    for (QualityFinding f : findings) {
      rows.add(f.symbol().value(), f.checkType(), f.severity().name(), f.issueCount(),
          abbreviated(FindingDetails.dates(f)));
    }
    rows.print(out(), OutputFormat.TABLE);
    long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    out().printf("%d findings (%d ERROR, %d WARNING, %d INFO) for %d symbols; details: datahub view-issues"
        + " --unresolved --format json%n", findings.size(), errors, warnings, findings.size() - errors - warnings,
        symbolCount);
    out().flush();
  }

  private static String abbreviated(List<LocalDate> dates) {
    int shown = Math.min(dates.size(), 5);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < shown; i++) {
      text.append(i == 0 ? "" : " ").append(dates.get(i));
    }
    if (dates.size() > shown) {
      text.append(" … (+").append(dates.size() - shown).append(')');
    }
    return text.toString();
  }
}
