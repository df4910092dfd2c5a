package org.irplaybooks.workflows.ports;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import org.irplaybooks.workflows.incident.NotificationRecord;
import org.irplaybooks.workflows.incident.Severity;

/** Telling people: the incident's notification channels. */
@ActivityInterface
public interface NotificationActivities {

  /**
   * @param event what happened: CONTAINED, AWAITING_APPROVAL, ESCALATED, CLOSED…
   */
  record NotificationRequest(String caseId, String event, Severity severity, String subject, String message) {}

  /**
   * Publishes to the configured SNS topic. On a FIFO topic the case id and event are the
   * deduplication id, so a retry is delivered once; a standard topic delivers at least once.
   */
  NotificationRecord notifyResponders(NotificationRequest request);

  /** The webhook channels a playbook offers every notification to, each as its own activity. */
  List<String> WEBHOOK_CHANNELS = List.of("slack", "pagerduty");

  /** One notification for one webhook channel ({@link #WEBHOOK_CHANNELS}). */
  record ChannelNotification(
      String channel, String caseId, String event, Severity severity, String subject, String message) {}

  /**
   * Sends the notification to one webhook channel: Slack (incoming webhook, with a button to the
   * console) or PagerDuty Events API v2 (trigger, resolve on CLOSED; the case id is the
   * deduplication key, so a retry or a repeat updates the same alert). Answers null when the
   * channel is not configured, so nothing is recorded for it.
   */
  NotificationRecord notifyChannel(ChannelNotification request);
}
