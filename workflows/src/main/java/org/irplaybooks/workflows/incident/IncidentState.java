package org.irplaybooks.workflows.incident;

import java.time.Instant;
import java.util.List;
import org.irplaybooks.workflows.mitre.MitreTechnique;

/**
 * The live state of an incident, as the {@code state} query answers it: what the console, the API
 * and {@code irctl} show.
 *
 * @param awaiting the approval the incident waits for, or null
 * @param approvalDeadline when the current wait escalates or closes, or null
 * @param observations how many deliveries of the finding arrived (the first included)
 */
public record IncidentState(
    String caseId,
    String playbook,
    Finding finding,
    Phase phase,
    Outcome outcome,
    Phase awaiting,
    Instant approvalDeadline,
    Instant receivedAt,
    Instant containedAt,
    Instant closedAt,
    List<ActionRecord> actions,
    List<EvidenceItem> evidence,
    List<CustodyEntry> custody,
    List<Decision> decisions,
    List<NotificationRecord> notifications,
    List<MitreTechnique> techniques,
    List<TimelineEntry> timeline,
    int observations) {}
