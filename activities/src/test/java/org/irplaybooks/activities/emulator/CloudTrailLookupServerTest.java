package org.irplaybooks.activities.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudTrailLookupServerTest {
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private CloudTrailLookupServer server;

  @BeforeEach
  void start() {
    server = CloudTrailLookupServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String target, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint().resolve("/"))
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", CloudTrailLookupServer.CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) request.header("X-Amz-Target", target);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void endpoint_isOnLoopback() {
    assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void unknownTarget_answers400UnknownOperation() throws Exception {
    HttpResponse<String> response = post(CloudTrailLookupServer.TARGET_PREFIX + "DescribeTrails", "{}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).get("__type").asText()).isEqualTo("UnknownOperationException");
    assertThat(server.requestTimes()).isEmpty();
  }

  @Test
  void lookupEvents_answersNewestFirstWithEpochSecondsAndTheRecordAsString() throws Exception {
    Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
    server.addEvent(CloudTrailLookupServer.event().eventTime(t0).eventName("ListUsers").resource("AWS::IAM::User", "alice"));
    server.addEvent(CloudTrailLookupServer.event().eventTime(t0.plusSeconds(5)).eventName("CreateAccessKey"));

    HttpResponse<String> response = post(CloudTrailLookupServer.LOOKUP_EVENTS, "{\"MaxResults\":1}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(CloudTrailLookupServer.CONTENT_TYPE);
    JsonNode body = json.readTree(response.body());
    JsonNode first = body.get("Events").get(0);
    assertThat(first.get("EventName").asText()).isEqualTo("CreateAccessKey");
    assertThat(first.get("EventTime").asLong()).isEqualTo(t0.plusSeconds(5).getEpochSecond());
    assertThat(first.get("ReadOnly").asText()).isEqualTo("false");
    assertThat(json.readTree(first.get("CloudTrailEvent").asText()).get("eventName").asText()).isEqualTo("CreateAccessKey");
    assertThat(body.get("NextToken").asText()).isNotBlank();

    HttpResponse<String> page2 = post(CloudTrailLookupServer.LOOKUP_EVENTS,
        "{\"MaxResults\":1,\"NextToken\":\"" + body.get("NextToken").asText() + "\"}");
    JsonNode second = json.readTree(page2.body());
    assertThat(second.get("Events").get(0).get("EventName").asText()).isEqualTo("ListUsers");
    assertThat(second.get("Events").get(0).get("ReadOnly").asText()).isEqualTo("true");
    assertThat(second.get("Events").get(0).get("Resources").get(0).get("ResourceName").asText()).isEqualTo("alice");
    assertThat(second.has("NextToken")).isFalse();
    assertThat(server.requestTimes()).hasSize(2);
  }

  @Test
  void lookupEvents_rejectsBadTokensAndPageSizes() throws Exception {
    assertThat(json.readTree(post(CloudTrailLookupServer.LOOKUP_EVENTS, "{\"NextToken\":\"!!\"}").body()).get("__type").asText())
        .isEqualTo("InvalidNextTokenException");
    assertThat(json.readTree(post(CloudTrailLookupServer.LOOKUP_EVENTS, "{\"MaxResults\":51}").body()).get("__type").asText())
        .isEqualTo("InvalidMaxResultsException");
    String two = "{\"LookupAttributes\":[{\"AttributeKey\":\"Username\",\"AttributeValue\":\"a\"},"
        + "{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"b\"}]}";
    assertThat(json.readTree(post(CloudTrailLookupServer.LOOKUP_EVENTS, two).body()).get("__type").asText())
        .isEqualTo("InvalidLookupAttributesException");
  }

  @Test
  void lookupEvents_filtersByReadOnlyAndResourceName() throws Exception {
    server.addEvent(CloudTrailLookupServer.event().eventName("ListUsers").resource("AWS::IAM::User", "alice"));
    server.addEvent(CloudTrailLookupServer.event().eventName("DeleteUser").resource("AWS::IAM::User", "bob"));
    JsonNode readOnly = json.readTree(post(CloudTrailLookupServer.LOOKUP_EVENTS,
        "{\"LookupAttributes\":[{\"AttributeKey\":\"ReadOnly\",\"AttributeValue\":\"false\"}]}").body());
    assertThat(readOnly.get("Events")).hasSize(1);
    assertThat(readOnly.get("Events").get(0).get("EventName").asText()).isEqualTo("DeleteUser");
    JsonNode byResource = json.readTree(post(CloudTrailLookupServer.LOOKUP_EVENTS,
        "{\"LookupAttributes\":[{\"AttributeKey\":\"ResourceName\",\"AttributeValue\":\"alice\"}]}").body());
    assertThat(byResource.get("Events")).hasSize(1);
    assertThat(byResource.get("Events").get(0).get("EventName").asText()).isEqualTo("ListUsers");
  }
}
