package org.irplaybooks.workflows.incident;

import java.time.Instant;

/**
 * One moment of the incident: an attacker's API call or a responder's action.
 *
 * @param technique MITRE ATT&amp;CK technique id, or null
 */
public record TimelineEntry(Instant at, String actor, String what, String technique, boolean suspicious) {}
