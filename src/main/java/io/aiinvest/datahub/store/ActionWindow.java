package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import java.util.Objects;

/**
 * A provider's statement that the actions it delivered are all of its actions for {@code symbol} with ex-date in
 * {@code window}. Stored actions that came from the same provider inside the window and are missing from the
 * delivery have been withdrawn; actions another provider reported are never touched by it.
 */
public record ActionWindow(Symbol symbol, ProviderId source, DateRange window) {
  public ActionWindow {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(window, "window");
  }
}
