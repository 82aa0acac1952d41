package io.aiinvest.datahub.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.MarketStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Keeps {@code data_quality_log} at one open row per (symbol, check) that states what currently stands, appending
 * rather than editing:
 * <ul>
 *   <li>a run's result for a (symbol, check) is its finding over the examined range plus the open row's dates outside
 *       that range, which the run did not look at again (an incremental run examines only recent sessions);</li>
 *   <li>when that equals the open row (same dates, severity and kinds of issue) nothing is written: a rerun leaves
 *       the log as it is;</li>
 *   <li>otherwise the open row is resolved at the run's time and, when anything still stands, a new row states it
 *       (with the carried dates' items copied over); when nothing stands, resolving is all.</li>
 * </ul>
 * So {@code view-issues --unresolved} is the current state, and the resolved rows are its history.
 */
final class FindingLog {
  private final MarketStore store;

  FindingLog(MarketStore store) {
    this.store = store;
  }

  private record Key(Symbol symbol, String check) {}

  /**
   * Logs one run's findings of {@code checks} over {@code symbols} and the examined {@code range}; returns the
   * findings as they now stand in the log (new rows with their ids, unchanged open rows as they were).
   */
  List<QualityFinding> record(List<QualityFinding> found, Collection<String> checks, Collection<Symbol> symbols,
      DateRange range, Instant now) {
    Map<Key, List<QualityFinding>> open = new LinkedHashMap<>();
    for (QualityFinding row : store.openFindings(symbols, checks)) {
      open.computeIfAbsent(new Key(row.symbol(), row.checkType()), k -> new ArrayList<>()).add(row);
    }
    Map<Key, QualityFinding> current = new LinkedHashMap<>();
    for (QualityFinding finding : found) {
      current.merge(new Key(finding.symbol(), finding.checkType()), finding, FindingLog::combine);
    }
    List<Long> resolve = new ArrayList<>();
    List<QualityFinding> insert = new ArrayList<>();
    List<QualityFinding> standing = new ArrayList<>();
    for (Key key : union(open.keySet(), current.keySet())) {
      List<QualityFinding> rows = open.getOrDefault(key, List.of());
      Optional<QualityFinding> next = stateOf(Optional.ofNullable(current.get(key)), rows, range, now);
      if (rows.size() == 1 && next.isPresent() && sameIssues(rows.get(0), next.get())) {
        standing.add(rows.get(0));
        continue;
      }
      rows.forEach(r -> resolve.add(r.id().orElseThrow()));
      next.ifPresent(insert::add);
    }
    if (!resolve.isEmpty()) {
      store.resolveFindings(resolve, now);
    }
    standing.addAll(store.insertFindings(insert));
    return standing;
  }

  private static List<Key> union(Collection<Key> a, Collection<Key> b) {
    List<Key> keys = new ArrayList<>(a);
    b.stream().filter(k -> !a.contains(k)).forEach(keys::add);
    return keys;
  }

  /**
   * The run's finding together with what the open rows hold outside the examined range. Only findings that list
   * their issues as dated {@code items} carry over; a completeness finding states the window last checked.
   */
  private static Optional<QualityFinding> stateOf(Optional<QualityFinding> found, List<QualityFinding> rows,
      DateRange range, Instant now) {
    if (rows.stream().noneMatch(r -> FindingDetails.parse(r.details()).has("items"))) {
      return found;
    }
    List<JsonNode> carriedItems = new ArrayList<>();
    TreeSet<String> carriedDates = new TreeSet<>();
    Severity carriedSeverity = Severity.INFO;
    List<Long> carriedFrom = new ArrayList<>();
    for (QualityFinding row : rows) {
      ObjectNode details = FindingDetails.parse(row.details());
      boolean carried = false;
      for (JsonNode date : details.path("dates")) {
        if (!range.contains(LocalDate.parse(date.asText()))) {
          carriedDates.add(date.asText());
          carried = true;
        }
      }
      for (JsonNode item : details.path("items")) {
        if (item.has("date") && !range.contains(LocalDate.parse(item.get("date").asText()))) {
          carriedItems.add(item);
        }
      }
      if (carried) {
        carriedFrom.add(row.id().orElseThrow());
        carriedSeverity = max(carriedSeverity, row.severity());
      }
    }
    if (carriedDates.isEmpty()) {
      return found;
    }
    QualityFinding base = found.orElse(rows.get(rows.size() - 1));
    ObjectNode details = found.map(f -> FindingDetails.parse(f.details()))
        .orElseGet(() -> FindingDetails.JSON.createObjectNode().setAll(FindingDetails.parse(base.details())));
    TreeSet<String> dates = new TreeSet<>(carriedDates);
    List<JsonNode> items = new ArrayList<>(carriedItems);
    if (found.isPresent()) {
      details.path("dates").forEach(d -> dates.add(d.asText()));
      details.path("items").forEach(items::add);
    }
    items.sort((x, y) -> x.path("date").asText().compareTo(y.path("date").asText()));
    ArrayNode dateArray = details.putArray("dates");
    dates.forEach(dateArray::add);
    details.putArray("items").addAll(items);
    ArrayNode from = details.putArray("carried_from");
    carriedFrom.forEach(from::add);
    Severity carriedMax = carriedSeverity;
    Severity severity = found.map(f -> max(f.severity(), carriedMax)).orElse(carriedMax);
    LocalDate first = LocalDate.parse(dates.first());
    LocalDate last = LocalDate.parse(dates.last());
    Optional<LocalDate> start = Optional.of(base.rangeStart().filter(s -> s.isBefore(first)).orElse(first));
    Optional<LocalDate> end = Optional.of(base.rangeEnd().filter(e -> e.isAfter(last)).orElse(last));
    int issues = items.isEmpty() ? dates.size() : items.size();
    return Optional.of(new QualityFinding(Optional.empty(), base.symbol(), base.checkType(), severity,
        found.map(QualityFinding::checkTime).orElse(now), start, end, issues, details.toString(), Optional.empty()));
  }

  /** Two findings of one (symbol, check) in one run — a check that reports per batch — become one. */
  private static QualityFinding combine(QualityFinding a, QualityFinding b) {
    ObjectNode details = FindingDetails.parse(a.details());
    ObjectNode other = FindingDetails.parse(b.details());
    TreeSet<String> dates = new TreeSet<>();
    details.path("dates").forEach(d -> dates.add(d.asText()));
    other.path("dates").forEach(d -> dates.add(d.asText()));
    ArrayNode items = details.withArray("items");
    other.path("items").forEach(items::add);
    ArrayNode dateArray = details.putArray("dates");
    dates.forEach(dateArray::add);
    return new QualityFinding(Optional.empty(), a.symbol(), a.checkType(), max(a.severity(), b.severity()),
        a.checkTime(), earliest(a.rangeStart(), b.rangeStart()), latest(a.rangeEnd(), b.rangeEnd()),
        a.issueCount() + b.issueCount(), details.toString(), Optional.empty());
  }

  /**
   * Same dates, severity and kinds of issue. The values beside them are left out: an incremental run sees a shorter
   * trailing context than a full one, and a z-score that moves in its third digit is not a new finding.
   */
  private static boolean sameIssues(QualityFinding logged, QualityFinding next) {
    return logged.severity() == next.severity() && FindingDetails.dates(logged).equals(FindingDetails.dates(next))
        && kinds(logged).equals(kinds(next));
  }

  private static List<String> kinds(QualityFinding finding) {
    List<String> kinds = new ArrayList<>();
    FindingDetails.parse(finding.details()).path("items")
        .forEach(i -> kinds.add(i.path("date").asText() + " " + i.path("kind").asText()));
    kinds.sort(null);
    return kinds;
  }

  private static Severity max(Severity a, Severity b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Optional<LocalDate> earliest(Optional<LocalDate> a, Optional<LocalDate> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() ? b : a;
    }
    return Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
  }

  private static Optional<LocalDate> latest(Optional<LocalDate> a, Optional<LocalDate> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() ? b : a;
    }
    return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
  }
}
