package org.irplaybooks.workflows.playbook;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import org.irplaybooks.workflows.incident.ApprovalRequest;
import org.irplaybooks.workflows.incident.DecisionResult;
import org.irplaybooks.workflows.incident.FalsePositiveRequest;
import org.irplaybooks.workflows.incident.FindingObservation;
import org.irplaybooks.workflows.incident.IncidentState;
import org.irplaybooks.workflows.incident.RejectRequest;

/**
 * What every playbook answers, whatever it contains: the handlers the listener, the console and
 * {@code irctl} use. Each playbook's interface extends this one and adds its workflow method.
 */
public interface IncidentWorkflow {

  /** Another delivery of the same finding; counted, and its count and last-seen time kept. */
  @SignalMethod
  void findingObserved(FindingObservation observation);

  /** Approves the pending stage; the answer says what was approved, or the validator refuses. */
  @UpdateMethod
  DecisionResult approve(ApprovalRequest request);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(ApprovalRequest request);

  /** Rejects the pending stage with a reason. */
  @UpdateMethod
  DecisionResult reject(RejectRequest request);

  @UpdateValidatorMethod(updateName = "reject")
  void validateReject(RejectRequest request);

  /**
   * Approval by signal, for callers that cannot wait for an answer (e.g. {@code temporal workflow
   * signal}). Checked as the update is; an invalid one is recorded and ignored.
   */
  @SignalMethod
  void approveSignal(ApprovalRequest request);

  /** Rejection by signal; see {@link #approveSignal}. */
  @SignalMethod
  void rejectSignal(RejectRequest request);

  /** Marks the incident a false positive: every containment step is compensated, newest first. */
  @SignalMethod
  void markFalsePositive(FalsePositiveRequest request);

  @QueryMethod
  IncidentState state();
}
