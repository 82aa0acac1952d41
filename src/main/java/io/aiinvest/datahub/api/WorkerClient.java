package io.aiinvest.datahub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.aiinvest.datahub.domain.DatahubException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads from a running {@code datahub serve} over its HTTP endpoints, for commands that cannot open the embedded
 * database file the worker holds.
 */
public final class WorkerClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private final URI base;
  private final HttpClient http;

  /** @param base where the worker answers, {@code http://127.0.0.1:8080} */
  public WorkerClient(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** The URL of the latest {@code last} runs. */
  public URI jobsUri(int last) {
    return base.resolve("/jobs?last=" + last);
  }

  /** The latest {@code last} runs of the worker's history, newest first, as {@code GET /jobs} serves them. */
  public ArrayNode jobs(int last) {
    URI uri = jobsUri(last);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DatahubException("GET " + uri + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatahubException("interrupted while waiting for " + uri, e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new DatahubException("GET " + uri + " answered HTTP " + response.statusCode() + " with no JSON", e);
    }
    if (response.statusCode() != 200) {
      String reason = body.path("error").asText("");
      throw new DatahubException("GET " + uri + " answered HTTP " + response.statusCode()
          + (reason.isEmpty() ? "" : ": " + reason));
    }
    if (!(body instanceof ArrayNode runs)) {
      throw new DatahubException("GET " + uri + " answered " + body.getNodeType() + ", not an array of runs");
    }
    return runs;
  }
}
