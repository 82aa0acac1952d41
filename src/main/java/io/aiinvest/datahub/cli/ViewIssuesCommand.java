package io.aiinvest.datahub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.quality.FindingDetails;
import io.aiinvest.datahub.store.FindingQuery;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code datahub view-issues}: read the data-quality log. */
@Command(
    name = "view-issues",
    mixinStandardHelpOptions = true,
    description = {
        "Show data-quality findings, newest first.",
        "",
        "Example: datahub view-issues --symbol AAPL --severity WARNING --unresolved"
    })
final class ViewIssuesCommand extends HubSubcommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--symbol", description = "Only this symbol.")
  String symbol;

  @Option(names = "--severity", description = "Minimum severity: INFO, WARNING or ERROR.")
  Severity severity;

  @Option(names = "--check", description = "Only this check type (see qa-check --help).")
  String check;

  @Option(names = "--since", paramLabel = "DATE", converter = DateConverter.class,
      description = "Only findings logged on or after this date (UTC).")
  LocalDate since;

  @Option(names = "--unresolved", description = "Hide resolved findings: what stands now.")
  boolean unresolved;

  @Option(names = "--limit", defaultValue = "200", description = "At most this many rows (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() {
    List<QualityFinding> findings = store().findings(new FindingQuery(
        Optional.ofNullable(symbol).map(Symbol::of),
        Optional.ofNullable(severity),
        Optional.ofNullable(check),
        Optional.ofNullable(since).map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant()),
        unresolved,
        limit));
    boolean json = format == OutputFormat.JSON;
    Rows rows = new Rows(json
        ? List.of("id", "symbol", "check", "severity", "check_time", "date_range_start", "date_range_end",
            "issue_count", "dates", "resolved", "resolved_at", "details")
        : List.of("id", "symbol", "check", "severity", "check_time", "date_range_start", "date_range_end",
            "issue_count", "resolved", "details"));
    for (QualityFinding f : findings) {
      if (json) {
        rows.add(f.id(), f.symbol().value(), f.checkType(), f.severity().name(), f.checkTime(), f.rangeStart(),
            f.rangeEnd(), f.issueCount(), FindingDetails.dates(f), f.resolved(), f.resolvedAt(), json(f.details()));
      } else {
        rows.add(f.id(), f.symbol().value(), f.checkType(), f.severity().name(), f.checkTime(), f.rangeStart(),
            f.rangeEnd(), f.issueCount(), f.resolved(), f.details());
      }
    }
    if (rows.isEmpty() && format == OutputFormat.TABLE) {
      out().println("no data-quality findings match");
      return 0;
    }
    rows.print(out(), format == OutputFormat.CSV ? OutputFormat.CSV : format);
    return 0;
  }

  static JsonNode json(String details) {
    try {
      return JSON.readTree(details);
    } catch (java.io.IOException e) {
      throw new DatahubException("a stored finding has invalid details JSON: " + e.getMessage());
    }
  }
}
