package io.aiinvest.datahub.provider;

import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Symbol;
import java.util.List;
import java.util.Objects;

/**
 * One provider's answer for one symbol, as delivered: bars sorted by date in the provider's {@code basis}, the
 * splits and dividends it reported, and the rows it sent that could not be bars (with the rule they broke).
 */
public record ProviderBars(
    Symbol symbol,
    ProviderId source,
    PriceBasis basis,
    List<DailyBar> bars,
    List<CorporateAction> actions,
    List<Rejection> rejections) {

  public ProviderBars {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(basis, "basis");
    bars = List.copyOf(bars);
    actions = List.copyOf(actions);
    rejections = List.copyOf(rejections);
  }

  public boolean isEmpty() {
    return bars.isEmpty() && actions.isEmpty();
  }
}
