package org.irplaybooks.workflows.incident;

/** How an incident ended. */
public enum Outcome {
  /** Contained, investigated, and recovered after an analyst approved. */
  RECOVERED,
  /** Contained; the analyst rejected recovery, so containment stays in place. */
  CONTAINED_RECOVERY_REJECTED,
  /** Contained; nobody decided within the approval window and its escalation. */
  CONTAINED_RECOVERY_NOT_APPROVED,
  /** Marked a false positive: every containment step was compensated. */
  FALSE_POSITIVE,
  /** A low or medium finding whose containment the analyst declined. */
  DISMISSED,
  /** A low or medium finding that nobody approved for containment in time. */
  NOT_CONTAINED_NO_DECISION
}
