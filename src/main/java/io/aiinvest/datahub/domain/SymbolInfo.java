package io.aiinvest.datahub.domain;

import java.util.Objects;
import java.util.Optional;

/** A row of {@code symbol_map}: what the hub knows about an instrument it tracks. */
public record SymbolInfo(
    Symbol symbol,
    Optional<String> name,
    Optional<String> exchange,
    Optional<String> assetType,
    Optional<String> sector,
    Optional<String> industry,
    boolean active,
    Optional<String> dataSource) {

  public SymbolInfo {
    Objects.requireNonNull(symbol, "symbol");
    name = blankToEmpty(name);
    exchange = blankToEmpty(exchange);
    assetType = blankToEmpty(assetType);
    sector = blankToEmpty(sector);
    industry = blankToEmpty(industry);
    dataSource = blankToEmpty(dataSource);
  }

  /** A symbol with nothing known about it yet, active. */
  public static SymbolInfo of(Symbol symbol) {
    return new SymbolInfo(
        symbol,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        true,
        Optional.empty());
  }

  private static Optional<String> blankToEmpty(Optional<String> value) {
    return Objects.requireNonNull(value).map(String::strip).filter(s -> !s.isEmpty());
  }
}
