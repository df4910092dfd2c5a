package org.irplaybooks.workflows.incident;

import java.time.Instant;

/** Another delivery of the incident's finding (a duplicate or an update with a higher count). */
public record FindingObservation(Finding finding, Instant receivedAt) {}
