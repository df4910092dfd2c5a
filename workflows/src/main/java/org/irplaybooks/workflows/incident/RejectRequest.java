package org.irplaybooks.workflows.incident;

import java.util.List;

/**
 * An analyst's rejection; the reason is required and goes into the report.
 *
 * @param approverPrincipals the AWS principals the analyst is known by (see {@link ApprovalRequest})
 */
public record RejectRequest(String approver, String reason, List<String> approverPrincipals) {

  public RejectRequest {
    approverPrincipals = approverPrincipals == null ? List.of() : List.copyOf(approverPrincipals);
  }

  public RejectRequest(String approver, String reason) {
    this(approver, reason, List.of());
  }
}
