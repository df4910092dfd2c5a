package org.irplaybooks.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.temporal.failure.ApplicationFailure;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.irplaybooks.workflows.incident.NotificationRecord;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.ports.NotificationActivities.ChannelNotification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Slack and PagerDuty against a real HTTP stub on 127.0.0.1 that records what it received. */
@Timeout(30)
class WebhookNotifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);
  private static final String ROUTING_KEY = "R0UT1NGKEY0123456789abcdef012345";

  private HttpServer stub;
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);

  @BeforeEach
  void startStub() throws Exception {
    stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext("/", exchange -> {
      paths.add(exchange.getRequestURI().getPath());
      bodies.add(JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      byte[] answer = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status.get(), answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    stub.start();
  }

  @AfterEach
  void stopStub() {
    stub.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + stub.getAddress().getPort() + path);
  }

  private WebhookNotifier notifier() {
    return new WebhookNotifier(new WebhookSettings(url("/services/T000/B000/secret"), url("/v2/enqueue"), ROUTING_KEY,
        URI.create("http://127.0.0.1:8080/")), CLOCK);
  }

  private static ChannelNotification note(String channel, String event) {
    return new ChannelNotification(channel, "IR-0123456789AB", event, Severity.CRITICAL, "Contained: payments-deployer",
        "Case IR-0123456789AB:\n  [OK] Deactivate access key - AKIAIOSFODNN7EXAMPLE\n");
  }

  @Test
  void slack_postsTheCaseSeverityActionsAndAButtonToTheConsole() {
    NotificationRecord sent = notifier().send(note("slack", "CONTAINED"));

    assertThat(paths).containsExactly("/services/T000/B000/secret");
    JsonNode body = bodies.get(0);
    assertThat(body.get("text").asText()).isEqualTo("[CRITICAL] IR-0123456789AB CONTAINED: Contained: payments-deployer");
    assertThat(body.at("/blocks/1/text/text").asText()).contains("*Severity* CRITICAL").contains("[OK] Deactivate access key");
    assertThat(body.at("/blocks/2/elements/0/url").asText()).isEqualTo("http://127.0.0.1:8080/#/incident/IR-0123456789AB");
    assertThat(sent.channel()).isEqualTo("slack");
    assertThat(sent.delivered()).isTrue();
    assertThat(sent.target()).isEqualTo("127.0.0.1").doesNotContain("secret");
  }

  @Test
  void pagerDuty_triggersAtContainment_andResolvesAtClose_withTheCaseAsDedupKey() {
    WebhookNotifier notifier = notifier();
    notifier.send(note("pagerduty", "CONTAINED"));
    notifier.send(note("pagerduty", "CLOSED"));

    assertThat(paths).containsExactly("/v2/enqueue", "/v2/enqueue");
    JsonNode trigger = bodies.get(0);
    assertThat(trigger.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
    assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
    assertThat(trigger.get("dedup_key").asText()).isEqualTo("IR-0123456789AB");
    assertThat(trigger.at("/payload/severity").asText()).isEqualTo("critical");
    assertThat(trigger.at("/payload/source").asText()).isEqualTo("ir-playbooks");
    assertThat(trigger.at("/payload/summary").asText()).startsWith("IR-0123456789AB CONTAINED");
    assertThat(trigger.at("/links/0/href").asText()).endsWith("/#/incident/IR-0123456789AB");
    JsonNode resolve = bodies.get(1);
    assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
    assertThat(resolve.get("dedup_key").asText()).isEqualTo("IR-0123456789AB");
    assertThat(resolve.has("payload")).isFalse();
  }

  @Test
  void unconfiguredChannel_sendsNothing_andAnswersNull() {
    WebhookNotifier none = new WebhookNotifier(WebhookSettings.none(), CLOCK);

    assertThat(none.send(note("slack", "CONTAINED"))).isNull();
    assertThat(none.send(note("pagerduty", "CONTAINED"))).isNull();
    assertThat(paths).isEmpty();
  }

  @Test
  void serverError_isRetryable_butARefusalIsFinal() {
    status.set(503);
    assertThatThrownBy(() -> notifier().send(note("slack", "CONTAINED")))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isFalse());
    status.set(400);
    assertThatThrownBy(() -> notifier().send(note("pagerduty", "CONTAINED")))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isTrue();
          assertThat(f.getType()).isEqualTo("CONFIGURATION");
          assertThat(f.getOriginalMessage()).doesNotContain(ROUTING_KEY);
        });
  }

  @Test
  void unreachableEndpoint_isRetryable() {
    WebhookNotifier nowhere = new WebhookNotifier(new WebhookSettings(URI.create("http://127.0.0.1:1/hook"), null, null, null), CLOCK);

    assertThatThrownBy(() -> nowhere.send(note("slack", "CLOSED")))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("WEBHOOK_UNAVAILABLE"));
  }
}
