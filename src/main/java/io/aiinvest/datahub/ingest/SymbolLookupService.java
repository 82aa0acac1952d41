package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.SymbolMetadata;
import io.aiinvest.datahub.store.MarketStore;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Registers symbols, optionally filling name, exchange and asset type from a provider's metadata
 * ({@code add-symbol --lookup}). Values given explicitly win over looked-up ones; values neither given nor looked up
 * keep what is stored.
 */
public final class SymbolLookupService {
  /** Yahoo's instrument types in the hub's asset-type words; other types are stored lower-cased. */
  private static final Map<String, String> ASSET_TYPES = Map.of(
      "EQUITY", "stock",
      "ETF", "etf",
      "INDEX", "index",
      "MUTUALFUND", "fund",
      "CRYPTOCURRENCY", "crypto",
      "CURRENCY", "currency",
      "FUTURE", "future");

  private final MarketStore store;

  public SymbolLookupService(MarketStore store) {
    this.store = store;
  }

  /** What a registration did: the stored symbol, and whether it was new. */
  public record Registered(SymbolInfo symbol, boolean added) {}

  /**
   * Stores the symbol, with what {@code lookup} knows of it filling the gaps of {@code given}.
   *
   * @throws io.aiinvest.datahub.provider.ProviderException when the lookup fails; nothing is stored then
   * @throws DatahubException when the provider has no metadata for the symbol
   */
  public Registered register(SymbolInfo given, Optional<BarProvider> lookup) {
    SymbolInfo complete = lookup.map(provider -> withMetadata(given, provider)).orElse(given);
    boolean existed = store.findSymbol(given.symbol()).isPresent();
    return new Registered(store.upsertSymbol(complete), !existed);
  }

  private static SymbolInfo withMetadata(SymbolInfo given, BarProvider provider) {
    SymbolMetadata found = provider.metadata(given.symbol()).orElseThrow(() -> new DatahubException(
        provider.id() + " has no metadata for " + given.symbol() + "; give --name, --exchange and --asset-type"));
    return new SymbolInfo(
        given.symbol(),
        given.name().or(found::name),
        given.exchange().or(found::exchange),
        given.assetType().or(() -> found.instrumentType().map(SymbolLookupService::assetType)),
        given.sector(),
        given.industry(),
        given.active(),
        given.dataSource(),
        given.listedOn(),
        given.delistedOn());
  }

  static String assetType(String instrumentType) {
    String key = instrumentType.strip().toUpperCase(Locale.ROOT);
    return ASSET_TYPES.getOrDefault(key, key.toLowerCase(Locale.ROOT));
  }
}
