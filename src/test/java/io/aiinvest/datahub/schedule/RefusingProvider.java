package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.calendar.Session;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test double at the provider port whose data is wrong on some days: a flat bar at 10.00 for every New York session
 * of the range up to its last day of data, except on the refused days, whose rows have their high below their low and
 * come back as rows ingest refused (as a CSV or Yahoo answer with such a row does). {@link #correct} fixes a day, as a
 * provider that corrected its data.
 */
final class RefusingProvider implements BarProvider {
  static final String RULE = "bars_high_ge_low";

  private final ProviderId id;
  private final Set<LocalDate> refused = ConcurrentHashMap.newKeySet();
  private final LocalDate lastDay;

  /** @param lastDay the last day it has data for: a session still open has no bar yet */
  RefusingProvider(String id, LocalDate lastDay, String... refusedDays) {
    this.id = ProviderId.of(id);
    this.lastDay = lastDay;
    for (String day : refusedDays) {
      refused.add(LocalDate.parse(day));
    }
  }

  /** From now on the day's row is a valid bar. */
  void correct(LocalDate day) {
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
    for (Session session : to.isBefore(from) ? List.<Session>of() : WorkerHarness.XNYS.sessions(from, to)) {
      LocalDate day = session.date();
      if (refused.contains(day)) {
        rejections.add(new Rejection(symbol, day, RULE, "high 9.5 must be >= low 10.0"));
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
