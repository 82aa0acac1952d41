package io.aiinvest.datahub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.MarketStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@value #CHECK_TYPE} findings of the data-quality log in step with what ingest stores: the rows a
 * provider delivered that ingest refused (high below low, a price that is not positive, …) are logged, and a valid
 * bar stored later for the same date (the provider corrected its data, or repair got the session from another
 * provider) retires them. Every path that stores bars ({@link IngestWorkflow}, {@link IngestService#store} and so
 * {@link RepairService}) settles each symbol here once its write has committed.
 *
 * <p>The log keeps one open row per (symbol, check) stating what currently stands, as the checks' runs do
 * (docs/quality.md). After a symbol's write, what stands is the open row's refused dates that the write did not
 * touch, plus the rows the write refused; a date the write stored a valid bar for drops out. When that is what the
 * open row already says (same dates and rules), nothing is written, so a run that refuses the same row again logs
 * nothing twice. Otherwise a new row states it ({@code carried_from} naming the rows it took dates from) and the open
 * row is resolved at the clock's time; when nothing stands, resolving is all. The findings are written through the
 * store like the adjustment cross-check's, in the details layout of the quality checks ({@code dates}, {@code items},
 * {@code thresholds}), so {@code view-issues} reads them alike.
 */
public final class RefusedRowLog {
  /** The check name of findings about rows a provider delivered and ingest refused. */
  public static final String CHECK_TYPE = "ohlc_ingest";

  private static final Logger LOG = LoggerFactory.getLogger(RefusedRowLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MarketStore store;
  private final Clock clock;

  /** @param clock the time of logged and resolved findings */
  public RefusedRowLog(MarketStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * The open {@value #CHECK_TYPE} findings of the symbols, in one read: what a run over many symbols settles them
   * against. Symbols without one are absent.
   */
  public Map<Symbol, List<QualityFinding>> open(Collection<Symbol> symbols) {
    Map<Symbol, List<QualityFinding>> open = new LinkedHashMap<>();
    for (QualityFinding row : store.openFindings(symbols, List.of(CHECK_TYPE))) {
      open.computeIfAbsent(row.symbol(), s -> new ArrayList<>()).add(row);
    }
    return open;
  }

  /**
   * As {@link #settle(Symbol, ProviderId, List, List, List)}, reading the symbol's open findings first; reads nothing
   * when the write neither stored a bar nor refused a row.
   */
  public boolean settle(Symbol symbol, ProviderId source, List<DailyBar> stored, List<Rejection> refused) {
    if (stored.isEmpty() && refused.isEmpty()) {
      return false;
    }
    return settle(symbol, source, stored, refused, open(List.of(symbol)).getOrDefault(symbol, List.of()));
  }

  /**
   * Brings the symbol's {@value #CHECK_TYPE} finding up to date with a write that has committed.
   *
   * @param source the provider whose answer was written
   * @param stored the bars the write stored (inserted, updated or left unchanged): valid, since a {@link DailyBar}
   *     cannot be otherwise
   * @param refused the rows of the answer that could not be bars
   * @param open the symbol's open {@value #CHECK_TYPE} findings, oldest first
   * @return whether the write's refused rows were new to the log (a row, or a rule on a date, the open finding did
   *     not hold): the finding the write logged, for job counts
   */
  public boolean settle(Symbol symbol, ProviderId source, List<DailyBar> stored, List<Rejection> refused,
      List<QualityFinding> open) {
    if (refused.isEmpty() && open.isEmpty()) {
      return false;
    }
    Set<LocalDate> touched = new HashSet<>();
    stored.forEach(bar -> touched.add(bar.date()));
    refused.forEach(r -> touched.add(r.date()));
    // Keyed by date and rule, so a row refused twice (or logged twice by runs before rows were deduplicated) counts
    // once; the latest word wins.
    Map<String, JsonNode> standing = new TreeMap<>();
    Set<String> before = new HashSet<>();
    List<Long> carriedFrom = new ArrayList<>();
    for (QualityFinding row : open) {
      boolean carried = false;
      for (JsonNode item : parse(row.details()).path("items")) {
        before.add(key(item));
        if (!touched.contains(LocalDate.parse(item.path("date").asText()))) {
          standing.put(key(item), item);
          carried = true;
        }
      }
      if (carried) {
        carriedFrom.add(row.id().orElseThrow());
      }
    }
    boolean newEvidence = false;
    for (Rejection rejection : refused) {
      ObjectNode item = item(rejection, source);
      newEvidence |= !before.contains(key(item));
      standing.put(key(item), item);
    }
    if (open.size() == 1 && standing.keySet().equals(before)) {
      return false;
    }
    Instant now = clock.instant();
    // The new statement first: should resolving then fail, two open rows remain, and the next write merges them;
    // the other way round, a failure would leave the refused rows resolved and not logged.
    if (!standing.isEmpty()) {
      store.insertFindings(List.of(finding(symbol, standing.values(), carriedFrom, now)));
    }
    store.resolveFindings(open.stream().map(f -> f.id().orElseThrow()).toList(), now);
    TreeSet<LocalDate> resolved = new TreeSet<>();
    open.forEach(row -> parse(row.details()).path("items")
        .forEach(item -> resolved.add(LocalDate.parse(item.path("date").asText()))));
    standing.values().forEach(item -> resolved.remove(LocalDate.parse(item.path("date").asText())));
    LOG.info("symbol={} provider={} {}: {} refused rows open{}", symbol, source, CHECK_TYPE, standing.size(),
        resolved.isEmpty() ? "" : "; resolved " + resolved);
    return newEvidence;
  }

  /**
   * The error of a symbol whose bars were stored but whose refused rows could not be settled: it says what is in the
   * store, since the symbol still fails (the evidence would otherwise be lost without a word).
   */
  static String notSettled(LoadResult written, int refused, RuntimeException cause) {
    return "bars stored (" + written.inserted() + " inserted, " + written.updated() + " updated), but " + refused
        + " refused rows could not be settled with the data-quality log (" + CHECK_TYPE + "): " + cause.getMessage();
  }

  /** One issue of the finding, in the item layout of the quality checks. */
  private static ObjectNode item(Rejection rejection, ProviderId source) {
    ObjectNode item = JSON.createObjectNode();
    item.put("date", rejection.date().toString());
    item.put("severity", Severity.WARNING.name());
    item.put("kind", rejection.rule());
    item.put("origin", "ingest");
    item.put("reason", rejection.reason());
    item.put("provider", source.value());
    return item;
  }

  private static String key(JsonNode item) {
    return item.path("date").asText() + ' ' + item.path("kind").asText();
  }

  private static QualityFinding finding(Symbol symbol, Collection<JsonNode> items, List<Long> carriedFrom,
      Instant now) {
    ObjectNode details = JSON.createObjectNode();
    TreeSet<String> dates = new TreeSet<>();
    items.forEach(item -> dates.add(item.path("date").asText()));
    dates.forEach(details.putArray("dates")::add);
    details.putArray("items").addAll(items);
    details.putObject("thresholds");
    if (!carriedFrom.isEmpty()) {
      ArrayNode from = details.putArray("carried_from");
      carriedFrom.forEach(from::add);
    }
    // Rows refused at ingest were not stored: a WARNING, and completeness reports the hole they leave.
    return new QualityFinding(Optional.empty(), symbol, CHECK_TYPE, Severity.WARNING, now, Optional.empty(),
        Optional.empty(), items.size(), details.toString(), Optional.empty());
  }

  private static JsonNode parse(String details) {
    try {
      return JSON.readTree(details);
    } catch (IOException e) {
      throw new DatahubException(CHECK_TYPE + " finding details are not valid JSON: " + e.getMessage());
    }
  }
}
