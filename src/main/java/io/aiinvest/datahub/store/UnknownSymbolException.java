package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.Symbol;

/** A symbol the hub does not track yet. */
public final class UnknownSymbolException extends DatahubException {
  public UnknownSymbolException(Symbol symbol) {
    super("unknown symbol " + symbol + ": add it first with 'datahub add-symbol " + symbol + "'");
  }
}
