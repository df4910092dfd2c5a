package org.irplaybooks.workflows.incident;

/** Where an incident stands. Also the value of the {@code IrPhase} search attribute. */
public enum Phase {
  TRIAGE,
  AWAITING_CONTAINMENT_APPROVAL,
  CONTAINMENT,
  INVESTIGATION,
  AWAITING_RECOVERY_APPROVAL,
  RECOVERY,
  ROLLBACK,
  CLOSED
}
