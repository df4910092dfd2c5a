package org.irplaybooks.workflows.incident;

import java.util.List;

/**
 * Marks the incident a false positive: containment is rolled back step by step.
 *
 * @param analystPrincipals the AWS principals the analyst is known by (see {@link ApprovalRequest})
 */
public record FalsePositiveRequest(String analyst, String reason, List<String> analystPrincipals) {

  public FalsePositiveRequest {
    analystPrincipals = analystPrincipals == null ? List.of() : List.copyOf(analystPrincipals);
  }

  public FalsePositiveRequest(String analyst, String reason) {
    this(analyst, reason, List.of());
  }
}
