package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.adjust.ActionFactor;
import io.aiinvest.datahub.adjust.AdjustmentCrossCheck;
import io.aiinvest.datahub.adjust.Adjuster;
import io.aiinvest.datahub.adjust.CrossCheckResult;
import io.aiinvest.datahub.domain.ActionRevision;
import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahub corporate-actions}: the stored splits and dividends, their history, and the provider cross-check. */
@Command(
    name = "corporate-actions",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "List the stored splits and dividends of symbols with the factor each applies to the prices before its",
        "ex-date: m/n for a split n:m, 1 - D / previous close for a cash dividend D (the previous close is the latest",
        "stored bar before the ex-date, shown beside it). Actions are read from the store; 'ingest' stores them.",
        "",
        "--revisions lists the earlier values of actions a provider revised or withdrew.",
        "--verify compares the hub's total-adjusted close with the provider's adjusted close stored with the bars",
        "(Yahoo adjclose, a file's Adj Close). The provider's figure also folds in actions after the window, so only",
        "their ratio must stay constant: every bar's ratio must lie within 0.05% of the ratio on the last bar. The",
        "worst deviation and its date are printed; a disagreement is logged as an 'adjustment_crosscheck' finding",
        "(see 'view-issues') with the dates where the ratio breaks, and the command exits 1.",
        "",
        "Examples:",
        "  datahub corporate-actions AAPL",
        "  datahub corporate-actions --all --verify"
    },
    footer = {
        "",
        "The provider's adjusted close is a snapshot as of its delivery: verify a window delivered in one piece (one",
        "file, one fetch). Bars delivered on either side of a dividend differ by its factor and break at its ex-date."
    })
final class CorporateActionsCommand extends HubSubcommand implements Callable<Integer> {
  private static final MathContext SHOWN = new MathContext(10, RoundingMode.HALF_EVEN);
  private static final int FACTOR_SCALE = 12;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Parameters(paramLabel = "SYMBOL", arity = "1..*", description = "Symbols to show.")
    List<String> symbols;

    @Option(names = "--all", required = true, description = "Every registered symbol, active or not.")
    boolean all;
  }

  @Option(names = "--from", paramLabel = "DATE", description = "First ex-date, or first bar with --verify.")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last ex-date, or last bar with --verify.")
  LocalDate to;

  @Option(names = "--revisions", description = "List revised and withdrawn actions instead of the stored ones.")
  boolean revisions;

  @Option(names = "--verify", description = "Cross-check the total-adjusted close against the provider's.")
  boolean verify;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() {
    if (revisions && verify) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--revisions and --verify cannot be combined");
    }
    List<Symbol> symbols = symbols();
    DateRange range = DateRange.of(from, to);
    if (verify) {
      return verify(symbols, range);
    }
    if (revisions) {
      printRevisions(symbols, range);
    } else {
      printActions(symbols, range);
    }
    return 0;
  }

  private List<Symbol> symbols() {
    if (target.all) {
      List<Symbol> all = store().listSymbols(true).stream().map(SymbolInfo::symbol).toList();
      if (all.isEmpty()) {
        throw new DatahubException("no symbols registered; add some with 'datahub add-symbol SYMBOL'");
      }
      return all;
    }
    List<Symbol> symbols = target.symbols.stream().map(Symbol::of).distinct().toList();
    symbols.forEach(s -> store().getSymbol(s));
    return symbols;
  }

  private void printActions(List<Symbol> symbols, DateRange range) {
    Adjuster adjuster = new Adjuster(store());
    Rows rows = new Rows(List.of("symbol", "type", "ex_date", "ratio", "amount", "currency", "source",
        "previous_date", "previous_close", "price_factor", "volume_factor", "problem"));
    for (Symbol symbol : symbols) {
      for (ActionFactor factor : adjuster.actionFactors(symbol, range)) {
        CorporateAction action = factor.action();
        rows.add(symbol.value(), action.type().dbName(), action.exDate(), ratio(action), action.dividendAmount(),
            action.currency(), action.source().value(), factor.previousBar().map(DailyBar::date),
            factor.previousBar().map(DailyBar::close), factor.priceFactor().map(CorporateActionsCommand::factor),
            factor(factor.volumeFactor()), factor.problem());
      }
    }
    print(rows, "no corporate actions stored for " + describe(symbols) + " in " + range);
  }

  private void printRevisions(List<Symbol> symbols, DateRange range) {
    Rows rows = new Rows(List.of("symbol", "type", "ex_date", "change", "previous_ratio", "previous_amount",
        "previous_currency", "previous_source", "new_source", "revised_at"));
    for (Symbol symbol : symbols) {
      for (ActionRevision revision : store().actionRevisions(symbol, range)) {
        CorporateAction previous = revision.previous();
        rows.add(symbol.value(), previous.type().dbName(), previous.exDate(), revision.change().dbName(),
            ratio(previous), previous.dividendAmount(), previous.currency(), previous.source().value(),
            revision.newSource().map(Object::toString), revision.revisedAt());
      }
    }
    print(rows, "no revised or withdrawn corporate actions for " + describe(symbols) + " in " + range);
  }

  private int verify(List<Symbol> symbols, DateRange range) {
    AdjustmentCrossCheck check = new AdjustmentCrossCheck(store(), clock());
    Rows rows = new Rows(List.of("symbol", "status", "bars_checked", "first_date", "last_date", "reference_ratio",
        "worst_date", "worst_deviation", "breaks", "finding_id"));
    List<String> notes = new ArrayList<>();
    boolean failed = false;
    for (Symbol symbol : symbols) {
      CrossCheckResult result = check.check(symbol, range);
      Optional<QualityFinding> finding = check.record(result);
      CrossCheckResult.Status status = result.status();
      failed |= status == CrossCheckResult.Status.DISAGREES || status == CrossCheckResult.Status.CANNOT_ADJUST;
      rows.add(symbol.value(), status.name().toLowerCase(Locale.ROOT), result.points().size(),
          result.points().stream().findFirst().map(CrossCheckResult.Point::date),
          result.reference().map(CrossCheckResult.Point::date),
          result.reference().map(p -> p.ratio().round(SHOWN)),
          result.worst().map(CrossCheckResult.Point::date),
          result.worst().map(p -> p.deviation().round(SHOWN)),
          result.breakDates().size(), finding.flatMap(QualityFinding::id));
      result.problem().ifPresent(p -> notes.add(symbol + ": " + p));
      for (CrossCheckResult.Break run : result.breaks()) {
        notes.add(symbol + ": ratio off by more than 0.05% from " + run.from() + " to " + run.to() + " (" + run.bars()
            + " bars, worst " + percent(run.worst().deviation()) + " on " + run.worst().date() + ")");
      }
    }
    rows.print(out(), format);
    if (format == OutputFormat.TABLE) {
      notes.forEach(out()::println);
      out().flush();
    }
    return failed ? 1 : 0;
  }

  private void print(Rows rows, String whenEmpty) {
    if (rows.isEmpty() && format == OutputFormat.TABLE) {
      out().println(whenEmpty);
      out().flush();
      return;
    }
    rows.print(out(), format);
  }

  private static Optional<String> ratio(CorporateAction action) {
    if (action.type() != ActionType.SPLIT) {
      return Optional.empty();
    }
    return Optional.of(Rows.plain(action.splitNumerator().orElseThrow()) + ":"
        + Rows.plain(action.splitDenominator().orElseThrow()));
  }

  private static BigDecimal factor(BigDecimal factor) {
    return factor.setScale(FACTOR_SCALE, RoundingMode.HALF_EVEN);
  }

  private static String percent(BigDecimal deviation) {
    return Rows.plain(deviation.movePointRight(2).round(new MathContext(4))) + "%";
  }

  private static String describe(List<Symbol> symbols) {
    return symbols.size() == 1 ? symbols.get(0).value() : symbols.size() + " symbols";
  }
}
