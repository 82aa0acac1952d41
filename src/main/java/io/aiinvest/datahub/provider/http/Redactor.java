package io.aiinvest.datahub.provider.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Masks credentials in anything the hub prints: the values of query parameters that carry keys or session tokens,
 * and every occurrence of the configured API key, plain or URL-encoded, wherever it appears.
 */
public final class Redactor {
  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i)([?&](?:apikey|api_key|token|access_token|crumb)=)[^&#\\s]*");
  private static final String MASK = "***";

  private final List<String> secrets;

  public Redactor(Optional<String> apiKey) {
    List<String> values = new ArrayList<>();
    apiKey.filter(k -> !k.isBlank()).ifPresent(key -> {
      values.add(key);
      String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8);
      if (!encoded.equals(key)) {
        values.add(encoded);
      }
    });
    this.secrets = List.copyOf(values);
  }

  public String redact(URI uri) {
    return redact(uri.toString());
  }

  public String redact(String text) {
    if (text == null) {
      return "";
    }
    String masked = SECRET_PARAM.matcher(text).replaceAll("$1" + MASK);
    for (String secret : secrets) {
      masked = masked.replace(secret, MASK);
    }
    return masked;
  }
}
