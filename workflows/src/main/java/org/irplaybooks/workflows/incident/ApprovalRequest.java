package org.irplaybooks.workflows.incident;

/**
 * An analyst's approval, by signal or update.
 *
 * @param approver who approves: required, recorded in the report
 * @param deleteCompromisedKey recovery also deletes the compromised access key (it is otherwise
 *     kept, inactive, for the investigation)
 * @param liftSessionRevocation recovery removes a role's session revocation at once instead of
 *     keeping it until the longest session the role allows has expired (absent in older histories:
 *     false)
 */
public record ApprovalRequest(String approver, String comment, boolean deleteCompromisedKey,
    boolean liftSessionRevocation) {

  public ApprovalRequest(String approver, String comment, boolean deleteCompromisedKey) {
    this(approver, comment, deleteCompromisedKey, false);
  }
}
