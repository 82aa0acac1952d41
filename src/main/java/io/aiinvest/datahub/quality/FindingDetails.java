package io.aiinvest.datahub.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The shape of a finding's {@code details} JSON, shared by the checks (completeness has its own, see {@link #dates}):
 * {@code dates} (the sessions it points at,
 * YYYY-MM-DD, ascending), {@code items} (one object per issue with its {@code date}, {@code severity}, {@code kind}
 * and the values that tripped it) and {@code thresholds} (what it was judged by), plus check-specific fields.
 */
public final class FindingDetails {
  static final ObjectMapper JSON = new ObjectMapper();

  private FindingDetails() {}

  /**
   * The dates a finding points at, ascending: its {@code dates}, or for completeness (whose details list them as
   * {@code missing} and {@code non_sessions}) both of those; empty when it lists none.
   */
  public static List<LocalDate> dates(QualityFinding finding) {
    ObjectNode details = parse(finding.details());
    TreeSet<LocalDate> dates = new TreeSet<>();
    if (details.has("dates")) {
      details.path("dates").forEach(d -> dates.add(LocalDate.parse(d.asText())));
    } else {
      details.path("missing").forEach(d -> dates.add(LocalDate.parse(d.asText())));
      details.path("non_sessions").forEach(d -> dates.add(LocalDate.parse(d.asText())));
    }
    return List.copyOf(dates);
  }

  static ObjectNode parse(String details) {
    try {
      JsonNode node = JSON.readTree(details);
      if (node instanceof ObjectNode object) {
        return object;
      }
      throw new DatahubException("finding details are not a JSON object: " + details);
    } catch (IOException e) {
      throw new DatahubException("finding details are not valid JSON: " + e.getMessage());
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Collects the issues one check found for one symbol. */
  static final class Builder {
    private final ObjectNode root = JSON.createObjectNode();
    private final ObjectNode thresholds = JSON.createObjectNode();
    private final List<ObjectNode> items = new ArrayList<>();
    private Severity severity = Severity.INFO;

    Builder threshold(String name, double value) {
      thresholds.put(name, value);
      return this;
    }

    /** Check-specific fields at the top level. */
    Builder with(Consumer<ObjectNode> fields) {
      fields.accept(root);
      return this;
    }

    Builder item(LocalDate date, Severity itemSeverity, String kind, Consumer<ObjectNode> values) {
      ObjectNode item = JSON.createObjectNode();
      item.put("date", date.toString());
      item.put("severity", itemSeverity.name());
      item.put("kind", kind);
      values.accept(item);
      items.add(item);
      if (itemSeverity.compareTo(severity) > 0) {
        severity = itemSeverity;
      }
      return this;
    }

    boolean isEmpty() {
      return items.isEmpty();
    }

    /** The finding, or empty when no issue was added. */
    Optional<QualityFinding> toFinding(Symbol symbol, String check, Instant checkTime, Optional<LocalDate> from,
        Optional<LocalDate> to) {
      if (items.isEmpty()) {
        return Optional.empty();
      }
      items.sort((a, b) -> a.get("date").asText().compareTo(b.get("date").asText()));
      TreeSet<String> dates = new TreeSet<>();
      items.forEach(i -> dates.add(i.get("date").asText()));
      ObjectNode details = JSON.createObjectNode();
      dates.forEach(details.putArray("dates")::add);
      details.putArray("items").addAll(items);
      details.set("thresholds", thresholds);
      details.setAll(root);
      return Optional.of(new QualityFinding(Optional.empty(), symbol, check, severity, checkTime, from, to,
          items.size(), details.toString(), Optional.empty()));
    }
  }
}
