package io.aiinvest.datahub.provider;

import io.aiinvest.datahub.domain.Symbol;
import java.util.Optional;

/** Descriptive data a provider knows about a symbol, used by {@code add-symbol --lookup}. */
public record SymbolMetadata(
    Symbol symbol,
    Optional<String> name,
    Optional<String> exchange,
    Optional<String> currency,
    Optional<String> instrumentType) {}
