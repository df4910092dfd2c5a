package org.irplaybooks.workflows.ports;

import io.temporal.activity.ActivityInterface;
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
}
