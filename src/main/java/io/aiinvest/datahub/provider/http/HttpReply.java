package io.aiinvest.datahub.provider.http;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider's answer that the HTTP layer did not treat as a transient failure: any 2xx, 3xx or 4xx other than 429.
 * Providers decide what a status and body mean for them (Yahoo's 404 JSON is an unknown symbol, not an error page).
 *
 * @param where the request URL with credentials masked, for messages and logs
 */
public record HttpReply(int status, HttpHeaders headers, String body, String where) {
  private static final int SNIPPET_LENGTH = 120;

  public HttpReply {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(where, "where");
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  public List<String> allHeaders(String name) {
    return headers.allValues(name);
  }

  public String contentType() {
    return header("Content-Type").orElse("");
  }

  /** The start of the body on one line, for error messages about what arrived instead of the expected format. */
  public String snippet() {
    String flat = body.strip().replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "?");
    return flat.length() > SNIPPET_LENGTH ? flat.substring(0, SNIPPET_LENGTH) + "…" : flat;
  }
}
