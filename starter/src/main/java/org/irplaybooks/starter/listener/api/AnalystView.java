package org.irplaybooks.starter.listener.api;

import java.util.List;

/**
 * {@code GET /v1/me}: who the token belongs to, and what the console needs to link to Temporal.
 *
 * @param temporalWebUiUrl base URL of the Temporal Web UI, or empty
 */
public record AnalystView(String name, List<String> roles, String temporalWebUiUrl, String namespace) {}
