package org.irplaybooks.worker;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.irplaybooks.activities.notify.WebhookSettings;

/** The worker's webhook notification channels; each is off while its URL or key is empty. */
public class NotificationConfiguration {
  private static final String URL = "^$|^https?://[^\\s\"'<>]+$";

  @NotNull @Pattern(regexp = URL, message = "must be empty or an http(s) URL") private String slackWebhookUrl = "";
  @NotNull @Pattern(regexp = URL, message = "must be empty or an http(s) URL")
  private String pagerDutyEventsUrl = WebhookSettings.PAGERDUTY_EVENTS.toString();
  @NotNull private String pagerDutyRoutingKey = "";
  @NotNull @Pattern(regexp = URL, message = "must be empty or an http(s) URL") private String consoleUrl = "";

  /** Not serialized: the webhook URL is a secret. */
  @JsonIgnore
  public String getSlackWebhookUrl() {
    return slackWebhookUrl;
  }

  @JsonProperty("slackWebhookUrl")
  public void setSlackWebhookUrl(String value) {
    this.slackWebhookUrl = value == null ? "" : value;
  }

  @JsonProperty
  public String getPagerDutyEventsUrl() {
    return pagerDutyEventsUrl;
  }

  @JsonProperty
  public void setPagerDutyEventsUrl(String value) {
    this.pagerDutyEventsUrl = value == null || value.isEmpty() ? WebhookSettings.PAGERDUTY_EVENTS.toString() : value;
  }

  /** Not serialized: the routing key is a secret. */
  @JsonIgnore
  public String getPagerDutyRoutingKey() {
    return pagerDutyRoutingKey;
  }

  @JsonProperty("pagerDutyRoutingKey")
  public void setPagerDutyRoutingKey(String value) {
    this.pagerDutyRoutingKey = value == null ? "" : value;
  }

  @JsonProperty
  public String getConsoleUrl() {
    return consoleUrl;
  }

  @JsonProperty
  public void setConsoleUrl(String value) {
    this.consoleUrl = value == null ? "" : value;
  }

  public WebhookSettings toSettings() {
    return new WebhookSettings(slackWebhookUrl.isEmpty() ? null : URI.create(slackWebhookUrl),
        URI.create(pagerDutyEventsUrl), pagerDutyRoutingKey.isEmpty() ? null : pagerDutyRoutingKey,
        consoleUrl.isEmpty() ? null : URI.create(consoleUrl));
  }
}
