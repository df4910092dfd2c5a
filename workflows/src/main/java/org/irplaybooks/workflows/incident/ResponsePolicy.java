package org.irplaybooks.workflows.incident;

import java.time.Duration;
import java.util.List;

/**
 * How long a playbook waits for people, and what the organisation trusts. Set by the listener's
 * configuration at start so that a change of policy applies to new incidents only and never alters
 * a running history.
 *
 * @param approvalTimeout how long to wait for an analyst's decision before escalating
 * @param closeAfterEscalation how much longer to wait after the escalation before closing the
 *     incident as "contained, recovery not approved"
 * @param criticalRecoveryApprovals how many different analysts must approve the recovery of a
 *     CRITICAL incident (1 or 2; 0, as in histories older than this field, means 1)
 * @param trustedAccounts accounts (12 digits) whose principals may assume our roles: an
 *     {@code AssumeRole} from any other account is cross-account role abuse (absent in older
 *     histories: none)
 */
public record ResponsePolicy(Duration approvalTimeout, Duration closeAfterEscalation, int criticalRecoveryApprovals,
    List<String> trustedAccounts) {

  public ResponsePolicy {
    trustedAccounts = trustedAccounts == null ? List.of() : List.copyOf(trustedAccounts);
  }

  public ResponsePolicy(Duration approvalTimeout, Duration closeAfterEscalation) {
    this(approvalTimeout, closeAfterEscalation, 1, List.of());
  }

  public ResponsePolicy(Duration approvalTimeout, Duration closeAfterEscalation, int criticalRecoveryApprovals) {
    this(approvalTimeout, closeAfterEscalation, criticalRecoveryApprovals, List.of());
  }

  public ResponsePolicy(Duration approvalTimeout, Duration closeAfterEscalation, List<String> trustedAccounts) {
    this(approvalTimeout, closeAfterEscalation, 1, trustedAccounts);
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

  public boolean trusts(String accountId) {
    return accountId != null && trustedAccounts.contains(accountId);
  }
}
