package org.irplaybooks.starter.listener.api;

/**
 * What became of one finding of a {@code POST /v1/findings}.
 *
 * @param status {@code started} (a new incident), {@code duplicate} (the finding's incident exists;
 *     the delivery was passed to it) or {@code ignored} (no playbook handles it; {@code reason} says why)
 * @param caseId the incident's case id; null when ignored
 */
public record FindingResult(
    String caseId,
    String workflowId,
    String playbook,
    String findingId,
    String findingType,
    String status,
    String reason) {

  public static final String STARTED = "started";
  public static final String DUPLICATE = "duplicate";
  public static final String IGNORED = "ignored";
}
