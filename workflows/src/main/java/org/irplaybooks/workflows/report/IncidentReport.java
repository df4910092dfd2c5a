package org.irplaybooks.workflows.report;

import java.util.List;
import org.irplaybooks.workflows.incident.IncidentState;

/**
 * What a playbook returns when the incident closes: the final state, the measured response time,
 * what a person should do next, and where the rendered reports were stored.
 *
 * @param responseSeconds from the listener accepting the finding to containment complete; null
 *     when nothing was contained
 */
public record IncidentReport(
    IncidentState incident, Double responseSeconds, List<String> nextSteps, List<String> reportLocations) {}
