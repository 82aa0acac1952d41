package io.aiinvest.datahub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.quality.CompletenessCheck;
import io.aiinvest.datahub.quality.QualityRunner;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code datahub completeness}: the calendar completeness check on its own, until {@code qa-check} runs all checks. */
@Command(
    name = "completeness",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Check symbols against their exchange calendar: sessions without a bar (from the listing date or first bar",
        "to the last completed session, or the last bar of an inactive symbol) and bars on days the exchange was",
        "closed. Findings are written to the data-quality log (see 'datahub view-issues --check completeness').",
        "",
        "Examples:",
        "  datahub completeness --all",
        "  datahub completeness SPY AAPL --from 2024-01-01 --to 2024-12-31 --format json"
    },
    footer = {
        "",
        "Severity: ERROR for a bar on a non-session or more missing sessions than --error-threshold; WARNING",
        "otherwise, and always for symbols judged by the weekday fallback (their exchange's holidays are unknown).",
        "Findings are not failures: exit 0 with findings, 1 only when the check could not run."
    })
final class CompletenessCommand extends HubSubcommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ArgGroup(exclusive = true, multiplicity = "1")
  SymbolSelection target;

  @Option(names = "--from", paramLabel = "DATE", converter = DateConverter.class,
      description = "Only look from this date on (YYYY-MM-DD).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", converter = DateConverter.class,
      description = "Only look up to this date (YYYY-MM-DD).")
  LocalDate to;

  @Option(
      names = "--error-threshold",
      defaultValue = "" + CompletenessCheck.DEFAULT_ERROR_THRESHOLD,
      paramLabel = "N",
      description = "More missing sessions than N make a finding an ERROR (default: ${DEFAULT-VALUE}).")
  int errorThreshold;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() {
    List<SymbolInfo> symbols = target.resolve(store());
    CompletenessCheck check = new CompletenessCheck(
        store(), new SymbolSessions(calendars(), SymbolSessions.DEFAULT_FALLBACK_ZONE, clock()), errorThreshold);
    List<QualityFinding> findings =
        new QualityRunner(store(), List.of(check), clock()).run(symbols, DateRange.of(from, to));
    print(symbols.size(), findings);
    return 0;
  }

  private void print(int checked, List<QualityFinding> findings) {
    boolean json = format == OutputFormat.JSON;
    Rows rows = new Rows(json
        ? List.of("symbol", "check", "severity", "dates", "details")
        : List.of("symbol", "severity", "calendar", "window", "missing", "non_sessions", "dates"));
    for (QualityFinding f : findings) {
      JsonNode details = parse(f.details());
      if (json) {
        rows.add(f.symbol().value(), f.checkType(), f.severity().name(), dates(details), details);
      } else {
        rows.add(f.symbol().value(), f.severity().name(), details.path("calendar").asText(),
            f.rangeStart().map(s -> s + ".." + f.rangeEnd().map(LocalDate::toString).orElse("")),
            (long) details.path("missing").size(), (long) details.path("non_sessions").size(), dates(details));
      }
    }
    if (json) {
      rows.print(out(), OutputFormat.JSON);
      return;
    }
    if (!rows.isEmpty()) {
      rows.print(out(), OutputFormat.TABLE);
    }
    long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    out().printf("%d symbols checked: %d complete, %d with findings (%d ERROR, %d WARNING), logged to"
            + " data_quality_log%n", checked, checked - findings.size(), findings.size(), errors,
        findings.size() - errors);
    out().flush();
  }

  /** The missing sessions and then the non-session bar dates, as {@code qa-check} prints a finding's dates. */
  private static List<String> dates(JsonNode details) {
    List<String> dates = new ArrayList<>();
    details.path("missing").forEach(d -> dates.add(d.asText()));
    details.path("non_sessions").forEach(d -> dates.add(d.asText()));
    return dates;
  }

  private static JsonNode parse(String details) {
    try {
      return JSON.readTree(details);
    } catch (IOException e) {
      throw new DatahubException("a completeness finding has invalid details JSON: " + e.getMessage());
    }
  }
}
