package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.calendar.SymbolCalendar;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.calendar.TradingCalendar;
import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checks on a delivered corporate action that need more than the action itself (issue 4, item 6; ratio and
 * sign rules live in {@link CorporateAction}'s constructor): its ex-date must be a session of the symbol's exchange,
 * and a cash dividend must be below the previous close. A refused action becomes a {@link Rejection} with its reason.
 */
final class ActionValidator {
  static final String NOT_A_SESSION = "ex_date_not_a_session";
  static final String DIVIDEND_NOT_BELOW_CLOSE = "dividend_not_below_previous_close";

  private final SymbolSessions sessions;

  ActionValidator(SymbolSessions sessions) {
    this.sessions = sessions;
  }

  /** The actions that passed and the rejections of those that did not. */
  record Validated(List<CorporateAction> accepted, List<Rejection> rejections) {}

  /**
   * Validates actions delivered (as traded) with {@code bars}.
   *
   * @param storedActions the symbol's stored actions, for a split sharing a dividend's ex-date
   * @param storedPrevious for each dividend ex-date, the latest stored bar before it ({@code MarketStore.previousBars})
   */
  Validated validate(
      SymbolInfo symbol,
      List<DailyBar> bars,
      List<CorporateAction> actions,
      Collection<CorporateAction> storedActions,
      Map<LocalDate, DailyBar> storedPrevious) {
    SymbolCalendar calendar = sessions.calendarOf(symbol);
    List<CorporateAction> accepted = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    Map<LocalDate, BigDecimal> splitRatios = new HashMap<>();
    storedActions.stream().filter(a -> a.type() == ActionType.SPLIT)
        .forEach(a -> splitRatios.put(a.exDate(), a.splitRatio()));
    // Splits first, so that a refused split does not restate the close a same-day dividend is measured against.
    List<CorporateAction> ordered = new ArrayList<>(actions);
    ordered.sort((a, b) -> a.type().compareTo(b.type()));
    TreeMap<LocalDate, DailyBar> delivered = new TreeMap<>();
    bars.forEach(b -> delivered.put(b.date(), b));
    for (CorporateAction action : ordered) {
      Optional<String> notSession = notASession(calendar, action);
      if (notSession.isPresent()) {
        rejections.add(new Rejection(action.symbol(), action.exDate(), NOT_A_SESSION, notSession.get()));
        continue;
      }
      if (action.type() == ActionType.SPLIT) {
        splitRatios.put(action.exDate(), action.splitRatio());
      } else {
        Optional<String> tooLarge = notBelowPreviousClose(action, previousBar(action.exDate(), delivered,
            storedPrevious), Optional.ofNullable(splitRatios.get(action.exDate())));
        if (tooLarge.isPresent()) {
          rejections.add(new Rejection(action.symbol(), action.exDate(), DIVIDEND_NOT_BELOW_CLOSE, tooLarge.get()));
          continue;
        }
      }
      accepted.add(action);
    }
    return new Validated(accepted, rejections);
  }

  /** Why the ex-date is not a session; empty when it is, or when the calendar does not cover the date. */
  private static Optional<String> notASession(SymbolCalendar symbolCalendar, CorporateAction action) {
    TradingCalendar calendar = symbolCalendar.calendar();
    LocalDate exDate = action.exDate();
    if (!calendar.covers(exDate) || calendar.isSession(exDate)) {
      return Optional.empty();
    }
    return Optional.of(describe(action) + ": " + exDate + " is not a session on " + symbolCalendar.label() + ", it is "
        + calendar.findClosureReason(exDate).orElse("closed"));
  }

  /** The later of the delivered and the stored bar before the date; the delivered one when both have the date. */
  private static Optional<DailyBar> previousBar(
      LocalDate exDate, TreeMap<LocalDate, DailyBar> delivered, Map<LocalDate, DailyBar> storedPrevious) {
    Optional<DailyBar> fromDelivery = Optional.ofNullable(delivered.lowerEntry(exDate)).map(Map.Entry::getValue);
    Optional<DailyBar> fromStore = Optional.ofNullable(storedPrevious.get(exDate));
    if (fromStore.isEmpty()) {
      return fromDelivery;
    }
    if (fromDelivery.isEmpty() || fromStore.get().date().isAfter(fromDelivery.get().date())) {
      return fromStore;
    }
    return fromDelivery;
  }

  /**
   * Why the dividend is not below the close before its ex-date (restated in post-split shares when a split shares
   * the ex-date, as the adjustment factor measures it); empty when it is below, or when no earlier bar is known.
   */
  private static Optional<String> notBelowPreviousClose(
      CorporateAction dividend, Optional<DailyBar> previous, Optional<BigDecimal> sameDaySplitRatio) {
    if (previous.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal amount = dividend.dividendAmount().orElseThrow();
    BigDecimal close = previous.get().close();
    BigDecimal perNewShare = amount.multiply(sameDaySplitRatio.orElse(BigDecimal.ONE));
    if (perNewShare.compareTo(close) < 0) {
      return Optional.empty();
    }
    return Optional.of(describe(dividend) + " is not below the previous close " + close.stripTrailingZeros()
        .toPlainString() + " (" + previous.get().date() + ")" + sameDaySplitRatio.map(r -> " restated for the "
        + r.stripTrailingZeros().toPlainString() + "-for-1 split of the same day").orElse(""));
  }

  private static String describe(CorporateAction action) {
    return action.type() == ActionType.SPLIT
        ? "split " + action.splitNumerator().orElseThrow().stripTrailingZeros().toPlainString() + ":"
            + action.splitDenominator().orElseThrow().stripTrailingZeros().toPlainString() + " ex " + action.exDate()
        : "dividend " + action.dividendAmount().orElseThrow().stripTrailingZeros().toPlainString() + " ex "
            + action.exDate();
  }
}
