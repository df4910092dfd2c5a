package org.irplaybooks.starter.listener.api;

/** The answer to {@code POST …/false-positive}: the mark was delivered; the rollback follows. */
public record FalsePositiveResult(String caseId, String decision, String by, String message) {}
