package io.aiinvest.datahub.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A row of {@code symbol_map}: what the hub knows about an instrument it tracks.
 *
 * @param listedOn first day the instrument traded, when known: completeness expects bars from then on
 * @param delistedOn last day it could have traded, when known: no bar is expected after it
 */
public record SymbolInfo(
    Symbol symbol,
    Optional<String> name,
    Optional<String> exchange,
    Optional<String> assetType,
    Optional<String> sector,
    Optional<String> industry,
    boolean active,
    Optional<String> dataSource,
    Optional<LocalDate> listedOn,
    Optional<LocalDate> delistedOn) {

  public SymbolInfo {
    Objects.requireNonNull(symbol, "symbol");
    name = blankToEmpty(name);
    exchange = blankToEmpty(exchange);
    assetType = blankToEmpty(assetType);
    sector = blankToEmpty(sector);
    industry = blankToEmpty(industry);
    dataSource = blankToEmpty(dataSource);
    Objects.requireNonNull(listedOn, "listedOn");
    Objects.requireNonNull(delistedOn, "delistedOn");
    if (listedOn.isPresent() && delistedOn.isPresent() && delistedOn.get().isBefore(listedOn.get())) {
      throw new DatahubException(
          symbol + ": delisted on " + delistedOn.get() + " is before listed on " + listedOn.get());
    }
  }

  /** Without listing dates, which most symbols have: nothing is known about when they started or stopped trading. */
  public SymbolInfo(
      Symbol symbol,
      Optional<String> name,
      Optional<String> exchange,
      Optional<String> assetType,
      Optional<String> sector,
      Optional<String> industry,
      boolean active,
      Optional<String> dataSource) {
    this(symbol, name, exchange, assetType, sector, industry, active, dataSource, Optional.empty(), Optional.empty());
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
