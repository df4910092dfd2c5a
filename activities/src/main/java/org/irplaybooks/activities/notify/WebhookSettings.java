package org.irplaybooks.activities.notify;

import java.net.URI;

/**
 * Where the webhook notifications go; a null URL or key leaves that channel off.
 *
 * @param slackWebhookUrl a Slack incoming webhook
 * @param pagerDutyEventsUrl PagerDuty's Events API v2 enqueue endpoint
 * @param pagerDutyRoutingKey the integration's routing key (a secret: never logged or recorded)
 * @param consoleUrl the incident console's base URL, for the links in messages
 */
public record WebhookSettings(URI slackWebhookUrl, URI pagerDutyEventsUrl, String pagerDutyRoutingKey, URI consoleUrl) {
  public static final URI PAGERDUTY_EVENTS = URI.create("https://events.pagerduty.com/v2/enqueue");

  public static WebhookSettings none() {
    return new WebhookSettings(null, null, null, null);
  }

  public boolean slackEnabled() {
    return slackWebhookUrl != null;
  }

  public boolean pagerDutyEnabled() {
    return pagerDutyRoutingKey != null && !pagerDutyRoutingKey.isBlank();
  }
}
