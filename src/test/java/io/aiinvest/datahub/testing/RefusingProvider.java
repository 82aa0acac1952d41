package io.aiinvest.datahub.testing;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.Session;
import io.aiinvest.datahub.calendar.TradingCalendar;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test double at the provider port whose data is wrong on some days: a flat bar at 10.00 for every New York session
 * of the range up to its last day of data, except on the refused days, whose rows break a bar rule (by default their
 * high is below their low) and come back as rows ingest refused, as a CSV or Yahoo answer with such a row does.
 * {@link #correct} fixes a day, as a provider that corrected its data.
 */
public final class RefusingProvider implements BarProvider {
  public static final String RULE = "bars_high_ge_low";

  private static final TradingCalendar XNYS = CalendarRegistry.loadBundled().get("XNYS");

  private final ProviderId id;
  /** The refused days, each with the rule its row breaks. */
  private final Map<LocalDate, String> refused = new ConcurrentHashMap<>();
  private final LocalDate lastDay;

  /** @param lastDay the last day it has data for: a session still open has no bar yet */
  public RefusingProvider(String id, LocalDate lastDay, String... refusedDays) {
    this.id = ProviderId.of(id);
    this.lastDay = lastDay;
    for (String day : refusedDays) {
      refused.put(LocalDate.parse(day), RULE);
    }
  }

  /** From now on the day's row breaks {@code rule} (e.g. {@code bars_close_positive}). */
  public RefusingProvider refuse(String day, String rule) {
    refused.put(LocalDate.parse(day), rule);
    return this;
  }

  /** From now on the day's row is a valid bar. */
  public void correct(LocalDate day) {
    refused.remove(day);
  }

  @Override
  public ProviderId id() {
    return id;
  }

  @Override
  public ProviderBars fetch(Symbol symbol, DateRange range) {
    LocalDate to = range.to().filter(day -> day.isBefore(lastDay)).orElse(lastDay);
    BigDecimal price = new BigDecimal("10.00");
    List<DailyBar> bars = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    LocalDate from = range.from().orElseThrow();
    for (Session session : to.isBefore(from) ? List.<Session>of() : XNYS.sessions(from, to)) {
      LocalDate day = session.date();
      String rule = refused.get(day);
      if (rule != null) {
        rejections.add(new Rejection(symbol, day, rule, "the row of " + day + " breaks " + rule));
      } else {
        bars.add(new DailyBar(symbol, day, price, price, price, price, 1_000, Optional.empty(), id));
      }
    }
    if (bars.isEmpty() && rejections.isEmpty()) {
      throw new ProviderException(id, ProviderException.Kind.NO_DATA, symbol + ": no data for " + range);
    }
    return new ProviderBars(symbol, id, PriceBasis.AS_TRADED, bars, List.of(), rejections);
  }
}
