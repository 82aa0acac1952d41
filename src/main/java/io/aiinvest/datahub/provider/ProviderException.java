package io.aiinvest.datahub.provider;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.ProviderId;

/** A provider could not deliver; the kind decides whether ingest falls back to the next provider. */
public class ProviderException extends DatahubException {
  /** Why a fetch failed. */
  public enum Kind {
    /** The provider does not know the symbol. */
    UNKNOWN_SYMBOL,
    /** The symbol is known but there are no bars in the range. */
    NO_DATA,
    /** Throttled and out of retries. */
    RATE_LIMITED,
    /** Down, timing out, or the circuit breaker is open. */
    UNAVAILABLE,
    /** The answer could not be parsed (truncated, HTML instead of JSON, …). */
    BAD_RESPONSE,
    /** A key is missing or refused. */
    AUTH,
    /** A local input (file, directory) is missing or malformed. */
    BAD_INPUT
  }

  private final ProviderId provider;
  private final Kind kind;

  public ProviderException(ProviderId provider, Kind kind, String message) {
    super(provider + ": " + message);
    this.provider = provider;
    this.kind = kind;
  }

  public ProviderException(ProviderId provider, Kind kind, String message, Throwable cause) {
    super(provider + ": " + message, cause);
    this.provider = provider;
    this.kind = kind;
  }

  public ProviderId provider() {
    return provider;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether another provider might succeed where this one failed. */
  public boolean worthFallingBack() {
    return kind != Kind.BAD_INPUT;
  }
}
