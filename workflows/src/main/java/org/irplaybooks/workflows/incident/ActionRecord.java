package org.irplaybooks.workflows.incident;

import java.time.Instant;

/**
 * One step a playbook took, as the state query, the report and the audit trail show it.
 *
 * @param phase the phase the step belongs to
 * @param name what was done, e.g. "Deactivate access key"
 * @param resource what it was done to (ARN, key id, policy name)
 * @param undo how to undo it: what the compensation does, or why it cannot be undone exactly
 * @param error the failure's type and message when the step failed
 */
public record ActionRecord(
    int id,
    Phase phase,
    String name,
    String resource,
    ActionStatus status,
    Instant startedAt,
    Instant finishedAt,
    String undo,
    String error) {

  public ActionRecord finish(ActionStatus newStatus, Instant at, String newError) {
    return new ActionRecord(id, phase, name, resource, newStatus, startedAt, at, undo, newError);
  }

  public boolean succeeded() {
    return status == ActionStatus.SUCCEEDED;
  }
}
