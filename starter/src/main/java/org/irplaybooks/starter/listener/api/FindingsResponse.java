package org.irplaybooks.starter.listener.api;

import java.util.List;

/** The 202 answer to {@code POST /v1/findings}: one result per finding, in the order received. */
public record FindingsResponse(List<FindingResult> results) {}
