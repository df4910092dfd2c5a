package org.irplaybooks.starter.listener.api;

import java.time.Instant;

/**
 * One row of the incident list, from Temporal visibility (search attributes and memo), so listing
 * never queries every workflow.
 *
 * @param status the workflow's execution status: RUNNING, COMPLETED, FAILED, TERMINATED…
 * @param phase the IrPhase search attribute: where the incident stands
 */
public record IncidentSummary(
    String caseId,
    String workflowId,
    String status,
    String phase,
    String severity,
    String findingType,
    String principal,
    String account,
    String playbook,
    String title,
    Instant startedAt,
    Instant closedAt) {}
