package org.irplaybooks.workflows.incident;

/** Marks the incident a false positive: containment is rolled back step by step. */
public record FalsePositiveRequest(String analyst, String reason) {}
