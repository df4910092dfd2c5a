package org.irplaybooks.starter.listener.api;

import java.util.List;

/** {@code GET /v1/incidents}: the incidents matching the filters, newest first, and the query run. */
public record IncidentList(List<IncidentSummary> incidents, String query, boolean truncated) {}
