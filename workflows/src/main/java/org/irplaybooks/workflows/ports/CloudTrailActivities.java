package org.irplaybooks.workflows.ports;

import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.List;
import org.irplaybooks.workflows.incident.EvidenceItem;

/** CloudTrail: what a principal or key did. */
@ActivityInterface
public interface CloudTrailActivities {

  /**
   * @param attributeKey a LookupEvents attribute: AccessKeyId, Username, EventName, ResourceName…
   * @param maxEvents the most events to read (pages of 50), to bound time and evidence size
   */
  record LookupRequest(
      String caseId,
      String accountId,
      String region,
      String attributeKey,
      String attributeValue,
      Instant start,
      Instant end,
      int maxEvents) {}

  /** One CloudTrail event, reduced to what a timeline needs. */
  record ApiEvent(
      Instant at,
      String eventName,
      String eventSource,
      String sourceIp,
      String userAgent,
      String errorCode,
      String eventId) {}

  /**
   * @param events the events read, oldest first
   * @param truncated more events exist than {@code maxEvents}
   * @param rawEvidence the events as CloudTrail returned them, stored as evidence
   */
  record ActivityLog(List<ApiEvent> events, boolean truncated, EvidenceItem rawEvidence) {}

  /**
   * Reads events with LookupEvents, paginated, no faster than the two requests per second AWS
   * allows, and stores them as evidence. Read-only towards AWS; the evidence write is idempotent.
   */
  ActivityLog lookupEvents(LookupRequest request);
}
