package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A stored close beside the close another provider delivered for the same session, as kept in the revision history
 * when one provider's bar replaced the other's. Both are as traded, so they compare directly.
 *
 * @param otherClose the other provider's latest close for the session
 */
public record AlternateClose(
    Symbol symbol, LocalDate date, ProviderId source, BigDecimal close, ProviderId otherSource, BigDecimal otherClose) {
  public AlternateClose {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(close, "close");
    Objects.requireNonNull(otherSource, "otherSource");
    Objects.requireNonNull(otherClose, "otherClose");
  }
}
