package io.aiinvest.datahub.provider.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Reads provider JSON with every number kept as the decimal text the provider sent (never through {@code double}),
 * and turns the ways a body can be wrong (empty, HTML error page, truncated) into {@link Kind#BAD_RESPONSE}s that say
 * what arrived.
 */
public final class JsonBodies {
  private static final ObjectReader READER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .reader();

  private JsonBodies() {}

  public static JsonNode parse(ProviderId provider, HttpReply reply) {
    return parse(provider, reply.body(), reply.where(), reply.status(), reply.contentType(), reply.snippet());
  }

  /** Parses without failing, to look at a body before deciding what it is (a throttle notice, an error). */
  public static Optional<JsonNode> tryParse(String body) {
    try {
      return Optional.of(READER.readTree(body));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static JsonNode parse(
      ProviderId provider, String body, String where, int status, String contentType, String snippet) {
    String trimmed = body.strip();
    if (trimmed.isEmpty()) {
      throw new ProviderException(
          provider, Kind.BAD_RESPONSE, "GET " + where + " -> HTTP " + status + " with empty body");
    }
    if (trimmed.startsWith("<")) {
      throw new ProviderException(
          provider,
          Kind.BAD_RESPONSE,
          "GET " + where + " -> HTTP " + status + " sent HTML/XML instead of JSON (Content-Type '" + contentType
              + "'): " + snippet);
    }
    try {
      JsonNode node = READER.readTree(trimmed);
      if (node == null || !node.isContainerNode()) {
        throw new ProviderException(
            provider, Kind.BAD_RESPONSE, "GET " + where + " -> HTTP " + status + " is not a JSON object: " + snippet);
      }
      return node;
    } catch (JsonProcessingException e) {
      String at = e.getLocation() == null ? "" : " at char " + e.getLocation().getCharOffset();
      throw new ProviderException(
          provider,
          Kind.BAD_RESPONSE,
          "GET " + where + " -> HTTP " + status + " sent malformed or truncated JSON (" + body.length() + " chars" + at
              + "): " + snippet);
    }
  }

  /** A number sent as a JSON number or as a numeric string. */
  public static BigDecimal decimal(JsonNode node) {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      return new BigDecimal(node.textValue().strip());
    }
    throw new NumberFormatException("not a number: " + node);
  }

  /** A count (volume) that a provider may send as an integer, a float such as {@code 6.42646396E8}, or a string. */
  public static long wholeNumber(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    return decimal(node).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  /** A present, non-null, non-blank text field. */
  public static Optional<String> text(JsonNode parent, String field) {
    JsonNode node = parent.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    String value = node.asText().strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
