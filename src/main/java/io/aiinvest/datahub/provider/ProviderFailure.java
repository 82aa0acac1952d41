package io.aiinvest.datahub.provider;

import io.aiinvest.datahub.domain.ProviderId;
import java.util.Objects;

/** Why one provider did not deliver one symbol, as a value for per-symbol reports. */
public record ProviderFailure(ProviderId provider, ProviderException.Kind kind, String message) {
  public ProviderFailure {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  public static ProviderFailure of(ProviderException e) {
    return new ProviderFailure(e.provider(), e.kind(), e.getMessage());
  }

  @Override
  public String toString() {
    return provider + " " + kind + ": " + message;
  }
}
