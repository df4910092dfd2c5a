package org.irplaybooks.workflows.incident;

import java.time.Duration;

/**
 * How long a playbook waits for people. Set by the listener's configuration at start so that a
 * change of policy applies to new incidents only and never alters a running history.
 *
 * @param approvalTimeout how long to wait for an analyst's decision before escalating
 * @param closeAfterEscalation how much longer to wait after the escalation before closing the
 *     incident as "contained, recovery not approved"
 * @param criticalRecoveryApprovals how many different analysts must approve the recovery of a
 *     CRITICAL incident (1 or 2; 0, as in histories older than this field, means 1)
 */
public record ResponsePolicy(Duration approvalTimeout, Duration closeAfterEscalation, int criticalRecoveryApprovals) {

  public ResponsePolicy(Duration approvalTimeout, Duration closeAfterEscalation) {
    this(approvalTimeout, closeAfterEscalation, 1);
  }

  public static ResponsePolicy defaults() {
    return new ResponsePolicy(Duration.ofHours(4), Duration.ofHours(20), 1);
  }

  /** Approvals the given stage needs for a finding of the given severity. */
  public int approvalsNeeded(Phase stage, Severity severity) {
    if (stage == Phase.AWAITING_RECOVERY_APPROVAL && severity == Severity.CRITICAL) {
      return Math.max(1, criticalRecoveryApprovals);
    }
    return 1;
  }
}
