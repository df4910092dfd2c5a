package org.irplaybooks.workflows.incident;

/** What an approve or reject update answers. */
public record DecisionResult(String caseId, String decision, Phase stage, String message) {}
