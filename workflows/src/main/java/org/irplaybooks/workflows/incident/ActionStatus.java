package org.irplaybooks.workflows.incident;

public enum ActionStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** A containment step whose compensation ran during a rollback. */
  COMPENSATED,
  /** A containment step whose compensation was attempted and failed. */
  COMPENSATION_FAILED,
  /** Not run: nothing to do in the state that was found (e.g. the user has no console password). */
  SKIPPED
}
