package org.irplaybooks.activities.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.workflows.incident.NotificationRecord;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.ports.FailureType;
import org.irplaybooks.workflows.ports.NotificationActivities.ChannelNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack and PagerDuty over HTTPS. Payloads are built with Jackson. A refused request (4xx other
 * than 429) is a configuration problem and final; 429, 5xx and network errors are retried by
 * Temporal. PagerDuty deduplicates by the case id, so a retried trigger updates one alert.
 */
public final class WebhookNotifier {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookSettings settings;
  private final HttpClient http;
  private final Clock clock;

  public WebhookNotifier(WebhookSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** Sends to the request's channel; null when that channel is not configured. */
  public NotificationRecord send(ChannelNotification n) {
    return switch (n.channel()) {
      case "slack" -> settings.slackEnabled() ? post("slack", n, settings.slackWebhookUrl(), slack(n), "slack webhook") : null;
      case "pagerduty" -> settings.pagerDutyEnabled()
          ? post("pagerduty", n, pagerDutyUrl(), pagerDuty(n), "PagerDuty Events API") : null;
      default -> throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "unknown notification channel " + n.channel());
    };
  }

  private URI pagerDutyUrl() {
    return settings.pagerDutyEventsUrl() == null ? WebhookSettings.PAGERDUTY_EVENTS : settings.pagerDutyEventsUrl();
  }

  String consoleLink(String caseId) {
    if (settings.consoleUrl() == null) return null;
    String base = settings.consoleUrl().toString().replaceAll("/+$", "");
    return base + "/#/incident/" + caseId;
  }

  ObjectNode slack(ChannelNotification n) {
    String headline = "[" + n.severity() + "] " + n.caseId() + " " + n.event() + ": " + n.subject();
    ObjectNode body = JSON.createObjectNode().put("text", headline);
    ArrayNode blocks = body.putArray("blocks");
    blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text").put("text", truncate(headline, 150));
    blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
        .put("text", truncate("*Case* " + n.caseId() + "  *Severity* " + n.severity() + "  *Event* " + n.event()
            + "\n```" + (n.message() == null ? "" : n.message()) + "```", 3000));
    String link = consoleLink(n.caseId());
    if (link != null) {
      ArrayNode elements = blocks.addObject().put("type", "actions").putArray("elements");
      ObjectNode button = elements.addObject().put("type", "button").put("url", link).put("action_id", "open-incident");
      button.putObject("text").put("type", "plain_text").put("text", "Open " + n.caseId() + " (approve / reject)");
    }
    return body;
  }

  ObjectNode pagerDuty(ChannelNotification n) {
    boolean resolve = "CLOSED".equals(n.event());
    ObjectNode body = JSON.createObjectNode()
        .put("routing_key", settings.pagerDutyRoutingKey())
        .put("event_action", resolve ? "resolve" : "trigger")
        .put("dedup_key", n.caseId());
    if (!resolve) {
      ObjectNode payload = body.putObject("payload")
          .put("summary", truncate(n.caseId() + " " + n.event() + ": " + n.subject(), 1024))
          .put("source", "ir-playbooks")
          .put("severity", pagerDutySeverity(n.severity()))
          .put("component", n.caseId())
          .put("class", n.event());
      payload.putObject("custom_details").put("case", n.caseId()).put("event", n.event())
          .put("details", n.message() == null ? "" : truncate(n.message(), 8000));
      String link = consoleLink(n.caseId());
      if (link != null) body.putArray("links").addObject().put("href", link).put("text", "Incident " + n.caseId());
    }
    return body;
  }

  static String pagerDutySeverity(Severity severity) {
    return switch (severity == null ? Severity.HIGH : severity) {
      case CRITICAL -> "critical";
      case HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW -> "info";
    };
  }

  private NotificationRecord post(String channel, ChannelNotification n, URI url, ObjectNode body, String what) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(what + " did not answer: " + e.getMessage(), "WEBHOOK_UNAVAILABLE");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(what + " call interrupted", "WEBHOOK_UNAVAILABLE");
    }
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      throw ApplicationFailure.newFailure(what + " answered " + status + "; retrying", "WEBHOOK_UNAVAILABLE");
    }
    if (status >= 400) {
      throw AwsErrorTranslator.nonRetryable(FailureType.CONFIGURATION,
          what + " refused the " + n.event() + " notification of " + n.caseId() + " (" + status + ")");
    }
    log.info("notified {} of {} for {} ({})", channel, n.event(), n.caseId(), status);
    // The target is recorded without its path or key: webhook URLs are secrets.
    return new NotificationRecord(channel, n.event(), url.getHost().toLowerCase(Locale.ROOT), true,
        "HTTP " + status, clock.instant());
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
