package org.irplaybooks.workflows.incident;

import java.util.List;

/**
 * An analyst's approval, by signal or update.
 *
 * @param approver who approves: required, recorded in the report
 * @param deleteCompromisedKey recovery also deletes the compromised access key (it is otherwise
 *     kept, inactive, for the investigation)
 * @param approverPrincipals the AWS principals (user names or ARNs) the approver is known by; the
 *     playbook refuses an approval whose approver is the incident's own subject
 */
public record ApprovalRequest(
    String approver, String comment, boolean deleteCompromisedKey, List<String> approverPrincipals) {

  public ApprovalRequest {
    approverPrincipals = approverPrincipals == null ? List.of() : List.copyOf(approverPrincipals);
  }

  public ApprovalRequest(String approver, String comment, boolean deleteCompromisedKey) {
    this(approver, comment, deleteCompromisedKey, List.of());
  }
}
