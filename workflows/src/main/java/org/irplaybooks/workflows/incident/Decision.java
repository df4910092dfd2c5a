package org.irplaybooks.workflows.incident;

import java.time.Instant;

/**
 * A decision taken on the incident, kept for the audit trail and the report.
 *
 * @param kind APPROVED, REJECTED or FALSE_POSITIVE
 * @param stage the approval the decision answered (containment or recovery)
 * @param via "update" or "signal"
 */
public record Decision(
    String kind, Phase stage, String by, String comment, Instant at, String via) {}
