package io.aiinvest.datahub.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.ingest.RepairPolicy;
import io.aiinvest.datahub.ingest.RepairReport;
import io.aiinvest.datahub.ingest.RepairService;
import io.aiinvest.datahub.ingest.RepairWindow;
import io.aiinvest.datahub.ingest.SymbolRepair;
import io.aiinvest.datahub.provider.ProviderFailure;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code datahub repair}: refetch the sessions symbols are missing. */
@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Find the sessions symbols are missing (exchange calendar, from the listing date or first bar to the last",
        "completed session, or the last bar of an inactive symbol), refetch just those ranges and store them.",
        "Stored bars are not touched. A session the provider does not deliver is retried after 1, 2, 4 and 8 days",
        "and then given up (see docs/completeness-and-repair.md), so a halted stock is not refetched on every run.",
        "With several providers, each next one is asked only for the sessions the ones before it did not deliver;",
        "the report says which provider filled which session.",
        "",
        "Examples:",
        "  datahub repair --all --provider csv --path data/            (last 30 days)",
        "  datahub repair SPY --from 2024-01-01 --to 2024-12-31 --provider csv --path data/SPY.csv",
        "  datahub repair --all --provider yahoo,polygon               (Polygon for what Yahoo lacks)"
    },
    footer = {
        "",
        "Exit 0 when every symbol was looked at, even if sessions are still missing; 1 when a symbol failed",
        "(no provider answered, file missing, store refused)."
    })
final class RepairCommand extends HubSubcommand implements Callable<Integer> {
  static final int DEFAULT_LOOKBACK_DAYS = 30;

  @ArgGroup(exclusive = true, multiplicity = "1")
  SymbolSelection target;

  @ArgGroup(exclusive = true)
  Window window;

  static final class Window {
    @Option(
        names = "--lookback-days",
        paramLabel = "N",
        description = "Look at the last N calendar days (default: " + DEFAULT_LOOKBACK_DAYS + ").")
    Integer lookbackDays;

    @ArgGroup(exclusive = false)
    Between between;
  }

  static final class Between {
    @Option(names = "--from", required = true, paramLabel = "DATE", converter = DateConverter.class,
        description = "First date of the window (YYYY-MM-DD).")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", converter = DateConverter.class,
        description = "Last date of the window (YYYY-MM-DD).")
    LocalDate to;
  }

  @Mixin ProviderOptions providerOptions;

  @Option(
      names = "--max-attempts",
      defaultValue = "" + RepairPolicy.DEFAULT_MAX_ATTEMPTS,
      paramLabel = "N",
      description = "Give up on a session after N attempts that brought no bar (default: ${DEFAULT-VALUE}).")
  int maxAttempts;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() {
    RepairService service = new RepairService(
        store(),
        new SymbolSessions(calendars(), SymbolSessions.DEFAULT_FALLBACK_ZONE, clock()),
        new RepairPolicy(maxAttempts, RepairPolicy.DEFAULT_FIRST_BACKOFF_DAYS));
    RepairReport report =
        service.repair(target.resolve(store()), providerOptions.build(config(), clock()), repairWindow());
    print(report);
    return report.anyFailed() ? 1 : 0;
  }

  private RepairWindow repairWindow() {
    if (window != null && window.between != null) {
      return new RepairWindow.Between(window.between.from, window.between.to);
    }
    return new RepairWindow.Lookback(
        window != null && window.lookbackDays != null ? window.lookbackDays : DEFAULT_LOOKBACK_DAYS);
  }

  private void print(RepairReport report) {
    boolean json = format == OutputFormat.JSON;
    Rows rows = new Rows(json
        ? List.of("symbol", "status", "calendar", "window_from", "window_to", "filled", "filled_by",
            "still_missing", "backing_off", "given_up", "next_attempt_on", "fetches", "provider_failures", "error")
        : List.of("symbol", "status", "calendar", "window", "filled", "filled_by", "still_missing", "backoff",
            "fetches", "error"));
    for (SymbolRepair o : report.outcomes()) {
      String status = o.status().name().toLowerCase(Locale.ROOT);
      if (json) {
        rows.add(o.symbol().value(), status, o.calendar(), o.window().flatMap(DateRange::from),
            o.window().flatMap(DateRange::to), o.filled(), filledByJson(o), o.stillMissing(), o.backingOff(),
            o.givenUp(), o.nextAttemptOn(), o.fetches(),
            o.fallbacks().stream().map(ProviderFailure::toString).toList(), o.error());
      } else {
        rows.add(o.symbol().value(), status, o.calendar(), o.window().map(DateRange::toString), o.filled(),
            filledByText(o), o.stillMissing(), backoff(o), o.fetches(), o.error());
      }
    }
    rows.print(out(), json ? OutputFormat.JSON : OutputFormat.TABLE);
    if (json) {
      return;
    }
    for (SymbolRepair o : report.outcomes()) {
      o.error().ifPresent(error -> out().println(o.symbol() + " failed: " + error));
      if (o.filledByProvider().size() > 1) {
        o.filledByProvider().forEach((provider, sessions) -> out().println(o.symbol() + ": filled from " + provider
            + ": " + String.join(" ", sessions.stream().map(LocalDate::toString).toList())));
      }
      o.fallbacks().forEach(f -> out().println(
          o.symbol() + ": next provider asked after " + f.kind() + " from " + f.message()));
    }
    long backingOff = report.outcomes().stream().mapToLong(o -> o.backingOff().size()).sum();
    long givenUp = report.outcomes().stream().mapToLong(o -> o.givenUp().size()).sum();
    out().printf("%d symbols (%d failed): %d sessions filled, %d still missing (%d backing off, %d given up)%n",
        report.outcomes().size(), report.failedCount(), report.filledCount(), report.stillMissingCount(),
        backingOff, givenUp);
    if (report.outcomes().stream().anyMatch(o -> o.findingsLogged() > 0)) {
      out().println("rows that could not be bars are logged as data-quality findings: datahub view-issues --check"
          + " ohlc_ingest");
    }
    out().flush();
  }

  /** Which provider filled how many sessions, e.g. {@code yahoo 6, csv 2}. */
  private static String filledByText(SymbolRepair o) {
    return String.join(", ", o.filledByProvider().entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue().size())
        .toList());
  }

  /** The sessions each provider filled, e.g. {@code {"yahoo": ["2024-02-05"], "csv": ["2024-03-12"]}}. */
  private static ObjectNode filledByJson(SymbolRepair o) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    o.filledByProvider().forEach((provider, sessions) -> {
      ArrayNode dates = node.putArray(provider.value());
      sessions.forEach(session -> dates.add(session.toString()));
    });
    return node;
  }

  /** How many of the still-missing sessions were not asked for, and why. */
  private static String backoff(SymbolRepair o) {
    StringBuilder text = new StringBuilder();
    if (!o.backingOff().isEmpty()) {
      text.append(o.backingOff().size()).append(" backing off until ")
          .append(o.nextAttemptOn().map(LocalDate::toString).orElse("?"));
    }
    if (!o.givenUp().isEmpty()) {
      text.append(text.length() == 0 ? "" : ", ").append(o.givenUp().size()).append(" given up");
    }
    return text.toString();
  }
}
