package org.irplaybooks.workflows.incident;

import java.time.Instant;

/**
 * The single argument of every playbook's workflow method.
 *
 * @param caseId the human-facing incident id (see {@link IncidentIds})
 * @param playbook the catalog name of the playbook handling the finding
 * @param receivedAt when the listener accepted the finding: response time is measured from here
 */
public record IncidentRequest(
    String caseId, String playbook, Finding finding, ResponsePolicy policy, Instant receivedAt) {}
