package org.irplaybooks.workflows.incident;

import java.util.List;

/**
 * An analyst's approval, by signal or update.
 *
 * @param approver who approves: required, recorded in the report
 * @param deleteCompromisedKey recovery also deletes the compromised access key (it is otherwise
 *     kept, inactive, for the investigation)
 * @param liftSessionRevocation recovery removes a role's session revocation at once instead of
 *     keeping it until the longest session the role allows has expired (absent in older histories:
 *     false)
 * @param approverPrincipals the AWS principals (user names or ARNs) the approver is known by; the
 *     playbook refuses an approval whose approver is the incident's own subject
 */
public record ApprovalRequest(String approver, String comment, boolean deleteCompromisedKey,
    boolean liftSessionRevocation, List<String> approverPrincipals) {

  public ApprovalRequest {
    approverPrincipals = approverPrincipals == null ? List.of() : List.copyOf(approverPrincipals);
  }

  public ApprovalRequest(String approver, String comment, boolean deleteCompromisedKey) {
    this(approver, comment, deleteCompromisedKey, false, List.of());
  }

  public ApprovalRequest(String approver, String comment, boolean deleteCompromisedKey, List<String> approverPrincipals) {
    this(approver, comment, deleteCompromisedKey, false, approverPrincipals);
  }

  public ApprovalRequest(String approver, String comment, boolean deleteCompromisedKey, boolean liftSessionRevocation) {
    this(approver, comment, deleteCompromisedKey, liftSessionRevocation, List.of());
  }
}
