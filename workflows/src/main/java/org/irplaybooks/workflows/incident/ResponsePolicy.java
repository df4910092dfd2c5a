package org.irplaybooks.workflows.incident;

import java.time.Duration;

/**
 * How long a playbook waits for people. Set by the listener's configuration at start so that a
 * change of policy applies to new incidents only and never alters a running history.
 *
 * @param approvalTimeout how long to wait for an analyst's decision before escalating
 * @param closeAfterEscalation how much longer to wait after the escalation before closing the
 *     incident as "contained, recovery not approved"
 */
public record ResponsePolicy(Duration approvalTimeout, Duration closeAfterEscalation) {

  public static ResponsePolicy defaults() {
    return new ResponsePolicy(Duration.ofHours(4), Duration.ofHours(20));
  }
}
