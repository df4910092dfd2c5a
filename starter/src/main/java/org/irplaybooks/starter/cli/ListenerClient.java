package org.irplaybooks.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The listener's HTTP API as {@code irctl} and the end-to-end tests use it: findings with the
 * ingestion API key, incidents with an analyst's bearer token.
 */
public final class ListenerClient {
  /** An answer: its HTTP status and JSON body (or the text, for a text report). */
  public record Answer(int status, JsonNode body, String text) {
    public Answer(int status, JsonNode body) {
      this(status, body, null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String apiKeyHeader;
  private final String apiKey;
  private final String analystToken;

  /**
   * @param apiKey the ingestion key for {@code POST /v1/findings}, or null when not posting findings
   * @param analystToken the analyst's bearer token for the incident API, or null
   */
  public ListenerClient(URI base, String apiKeyHeader, String apiKey, String analystToken) {
    this.base = base;
    this.apiKeyHeader = apiKeyHeader;
    this.apiKey = apiKey;
    this.analystToken = analystToken;
  }

  /** The same listener and API key, as another analyst. */
  public ListenerClient as(String otherAnalystToken) {
    return new ListenerClient(base, apiKeyHeader, apiKey, otherAnalystToken);
  }

  public URI base() {
    return base;
  }

  public Answer postFindings(String eventJson) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/findings")).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Accept", "application/json");
    if (apiKey != null) request.header(apiKeyHeader, apiKey);
    return send(request.POST(HttpRequest.BodyPublishers.ofString(eventJson)));
  }

  /** {@code GET /v1/incidents} with the given filters (null or empty values are left out). */
  public Answer incidents(Map<String, String> filters) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    filters.forEach((name, value) -> {
      if (value != null && !value.isEmpty()) {
        query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    });
    return send(analyst("/v1/incidents" + query).GET());
  }

  public Answer incident(String caseId) {
    return send(analyst("/v1/incidents/" + caseId).GET());
  }

  /** The report as text, Markdown or JSON ({@code mediaType} is the {@code Accept} header). */
  public Answer report(String caseId, String mediaType) {
    return sendText(analyst("/v1/incidents/" + caseId + "/report").setHeader("Accept", mediaType).GET());
  }

  public Answer approve(String caseId, String comment, boolean deleteCompromisedKey) {
    return approve(caseId, comment, deleteCompromisedKey, false);
  }

  /** Approval that also lifts a role's session revocation at once (stolen-session-token playbook). */
  public Answer approve(String caseId, String comment, boolean deleteCompromisedKey, boolean liftSessionRevocation) {
    ObjectNode body = JSON.createObjectNode().put("comment", comment).put("deleteCompromisedKey", deleteCompromisedKey)
        .put("liftSessionRevocation", liftSessionRevocation);
    return post("/v1/incidents/" + caseId + "/approve", body);
  }

  public Answer reject(String caseId, String comment) {
    return post("/v1/incidents/" + caseId + "/reject", JSON.createObjectNode().put("comment", comment));
  }

  public Answer falsePositive(String caseId, String comment) {
    return post("/v1/incidents/" + caseId + "/false-positive", JSON.createObjectNode().put("comment", comment));
  }

  public Answer me() {
    return send(analyst("/v1/me").GET());
  }

  private Answer post(String path, ObjectNode body) {
    return send(analyst(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private HttpRequest.Builder analyst(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json");
    if (analystToken != null) request.header("Authorization", "Bearer " + analystToken);
    return request;
  }

  private Answer send(HttpRequest.Builder request) {
    HttpResponse<String> response = exchange(request);
    String text = response.body();
    try {
      JsonNode body = text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
      return new Answer(response.statusCode(), body, text);
    } catch (IOException e) {
      return new Answer(response.statusCode(), JSON.nullNode(), text);
    }
  }

  private Answer sendText(HttpRequest.Builder request) {
    HttpResponse<String> response = exchange(request);
    JsonNode body;
    try {
      body = response.statusCode() == 200 ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      body = JSON.nullNode();
    }
    return new Answer(response.statusCode(), body, response.body());
  }

  private HttpResponse<String> exchange(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("listener at " + base + " did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
