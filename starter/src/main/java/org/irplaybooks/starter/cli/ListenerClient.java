package org.irplaybooks.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The listener's HTTP API as {@code irctl} and the end-to-end tests use it. */
public final class ListenerClient {
  /** An answer: its HTTP status and JSON body. */
  public record Answer(int status, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String apiKeyHeader;
  private final String apiKey;

  public ListenerClient(URI base, String apiKeyHeader, String apiKey) {
    this.base = base;
    this.apiKeyHeader = apiKeyHeader;
    this.apiKey = apiKey;
  }

  public Answer postFindings(String eventJson) {
    return send(request("/v1/findings").POST(HttpRequest.BodyPublishers.ofString(eventJson)));
  }

  public Answer incident(String caseId) {
    return send(request("/v1/incidents/" + caseId).GET());
  }

  public Answer approve(String caseId, String approver, String comment, boolean deleteCompromisedKey) {
    return approve(caseId, approver, comment, deleteCompromisedKey, false);
  }

  /** Approval that also lifts a role's session revocation at once (stolen-session-token playbook). */
  public Answer approve(String caseId, String approver, String comment, boolean deleteCompromisedKey,
      boolean liftSessionRevocation) {
    ObjectNode body = JSON.createObjectNode().put("approver", approver).put("comment", comment)
        .put("deleteCompromisedKey", deleteCompromisedKey).put("liftSessionRevocation", liftSessionRevocation);
    return send(request("/v1/incidents/" + caseId + "/approve").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  public Answer reject(String caseId, String approver, String comment) {
    ObjectNode body = JSON.createObjectNode().put("approver", approver).put("comment", comment);
    return send(request("/v1/incidents/" + caseId + "/reject").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .header(apiKeyHeader, apiKey).header("Content-Type", "application/json").header("Accept", "application/json");
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      JsonNode body = text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
      return new Answer(response.statusCode(), body);
    } catch (IOException e) {
      throw new UncheckedIOException("listener at " + base + " did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
