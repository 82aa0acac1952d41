package io.aiinvest.datahub.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiinvest.datahub.calendar.SessionCoverage;
import io.aiinvest.datahub.calendar.SymbolCalendar;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.BarDates;
import io.aiinvest.datahub.store.MarketStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exact completeness against the exchange calendar (issue 5; replaces "at least 20 bars a month"): for each symbol
 * the sessions of its expected window ({@link SymbolSessions#expectedWindow}) that have no bar, and the bars dated on
 * days the exchange did not trade.
 *
 * <p>Severity: ERROR when a bar sits on a non-session (a provider's timestamp or time-zone error, which shifts every
 * later computation) or when more than {@code errorThreshold} sessions are missing; WARNING for fewer missing
 * sessions. Under the weekday fallback the missing sessions may be the exchange's holidays, so they stay WARNING
 * however many there are.
 *
 * <p>One finding per symbol, its date range the expected window; {@code details} lists the dates:
 * {@code {"missing": […], "calendar": "XNYS", "non_sessions": […], "expected_sessions": n}} (PostgreSQL's jsonb
 * keeps shorter keys first, which puts the missing dates where a table shows them).
 */
public final class CompletenessCheck implements QualityCheck {
  public static final String NAME = "completeness";

  /** More missing sessions than this make the finding an ERROR: a week of holes is a gap, not a vendor hiccup. */
  public static final int DEFAULT_ERROR_THRESHOLD = 5;

  /** Symbols read per store query: bounds memory on full-history runs (500 × 9,000 dates ≈ 4.5M dates). */
  static final int BATCH = 500;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MarketStore store;
  private final SymbolSessions sessions;
  private final int errorThreshold;

  public CompletenessCheck(MarketStore store, SymbolSessions sessions, int errorThreshold) {
    if (errorThreshold < 0) {
      throw new DatahubException("completeness error threshold must be >= 0, got " + errorThreshold);
    }
    this.store = store;
    this.sessions = sessions;
    this.errorThreshold = errorThreshold;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<QualityFinding> check(List<SymbolInfo> symbols, DateRange range) {
    Instant checkTime = sessions.clock().instant();
    List<QualityFinding> findings = new ArrayList<>();
    for (int i = 0; i < symbols.size(); i += BATCH) {
      List<SymbolInfo> batch = symbols.subList(i, Math.min(symbols.size(), i + BATCH));
      Map<Symbol, BarDates> dates = store.barDates(batch.stream().map(SymbolInfo::symbol).toList(), range);
      for (SymbolInfo info : batch) {
        finding(info, dates.get(info.symbol()), range, checkTime).ifPresent(findings::add);
      }
    }
    return findings;
  }

  /** The finding for one symbol whose dates were read already (by the suite's shared scan of history). */
  Optional<QualityFinding> finding(SymbolInfo info, BarDates dates, DateRange range, Instant checkTime) {
    SymbolCalendar calendar = sessions.calendarOf(info);
    Optional<DateRange> window =
        sessions.expectedWindow(info, calendar.calendar(), dates.first(), dates.last(), range);
    SessionCoverage coverage = SessionCoverage.compare(calendar.calendar(), window, dates.dates());
    if (coverage.complete()) {
      return Optional.empty();
    }
    return Optional.of(new QualityFinding(
        Optional.empty(),
        info.symbol(),
        NAME,
        severity(coverage, calendar),
        checkTime,
        window.flatMap(DateRange::from),
        window.flatMap(DateRange::to),
        coverage.missing().size() + coverage.nonSessions().size(),
        details(calendar, coverage),
        Optional.empty()));
  }

  private Severity severity(SessionCoverage coverage, SymbolCalendar calendar) {
    if (!coverage.nonSessions().isEmpty()) {
      return Severity.ERROR;
    }
    boolean holidaysKnown = !calendar.calendar().isWeekdayFallback();
    return holidaysKnown && coverage.missing().size() > errorThreshold ? Severity.ERROR : Severity.WARNING;
  }

  private static String details(SymbolCalendar calendar, SessionCoverage coverage) {
    ObjectNode details = JSON.createObjectNode();
    details.put("calendar", calendar.label());
    details.put("expected_sessions", coverage.expectedSessions());
    dates(details.putArray("missing"), coverage.missing());
    dates(details.putArray("non_sessions"), coverage.nonSessions());
    return details.toString();
  }

  private static void dates(ArrayNode array, List<LocalDate> dates) {
    dates.forEach(d -> array.add(d.toString()));
  }
}
