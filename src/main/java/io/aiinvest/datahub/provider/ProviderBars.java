package io.aiinvest.datahub.provider;

import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Symbol;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One provider's answer for one symbol, as delivered: bars sorted by date in the provider's {@code basis}, the
 * splits and dividends it reported, and the rows it sent that could not be bars (with the rule they broke).
 *
 * @param actionCoverage the ex-date window over which {@code actions} is the provider's complete list, so that a
 *     stored action of this provider inside it that the list lacks has been withdrawn; empty when the answer says
 *     nothing about completeness (a file without action columns, an API that reports no events)
 */
public record ProviderBars(
    Symbol symbol,
    ProviderId source,
    PriceBasis basis,
    List<DailyBar> bars,
    List<CorporateAction> actions,
    List<Rejection> rejections,
    Optional<DateRange> actionCoverage) {

  public ProviderBars {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(actionCoverage, "actionCoverage");
    bars = List.copyOf(bars);
    actions = List.copyOf(actions);
    rejections = List.copyOf(rejections);
  }

  /** An answer whose action list is not known to be complete: nothing stored is ever withdrawn because of it. */
  public ProviderBars(
      Symbol symbol,
      ProviderId source,
      PriceBasis basis,
      List<DailyBar> bars,
      List<CorporateAction> actions,
      List<Rejection> rejections) {
    this(symbol, source, basis, bars, actions, rejections, Optional.empty());
  }

  public boolean isEmpty() {
    return bars.isEmpty() && actions.isEmpty();
  }
}
