package org.irplaybooks.starter.listener.support;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.irplaybooks.workflows.credentials.accesskey.AccessKeyCompromiseWorkflow;
import org.irplaybooks.workflows.incident.ApprovalRequest;
import org.irplaybooks.workflows.incident.Decision;
import org.irplaybooks.workflows.incident.DecisionResult;
import org.irplaybooks.workflows.incident.FalsePositiveRequest;
import org.irplaybooks.workflows.incident.FindingObservation;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.incident.IncidentState;
import org.irplaybooks.workflows.incident.Outcome;
import org.irplaybooks.workflows.incident.Phase;
import org.irplaybooks.workflows.incident.RejectRequest;
import org.irplaybooks.workflows.report.IncidentReport;

/**
 * A stand-in for the real playbook, just enough for the listener's tests: it waits for recovery
 * approval, records every signal, approves by update (staying open), and closes on rejection. The
 * validators refuse a decision when nothing awaits one, as the real playbook's do.
 */
public class FakeAccessKeyCompromiseWorkflow implements AccessKeyCompromiseWorkflow {
  public static final String NOT_AWAITING = "not awaiting a decision";

  private IncidentRequest request;
  private Phase phase = Phase.TRIAGE;
  private Phase awaiting;
  private Outcome outcome;
  private boolean closed;
  private final List<FindingObservation> observations = new ArrayList<>();
  private final List<Decision> decisions = new ArrayList<>();

  @Override
  public IncidentReport run(IncidentRequest request) {
    this.request = request;
    phase = Phase.AWAITING_RECOVERY_APPROVAL;
    awaiting = phase;
    Workflow.await(() -> closed);
    Workflow.await(Workflow::isEveryHandlerFinished);
    return new IncidentReport(state(), null, List.of(), List.of());
  }

  @Override
  public void findingObserved(FindingObservation observation) {
    observations.add(observation);
  }

  @Override
  public void validateApprove(ApprovalRequest request) {
    if (awaiting == null) throw new IllegalStateException("incident " + caseId() + " is " + NOT_AWAITING);
  }

  @Override
  public DecisionResult approve(ApprovalRequest approval) {
    Phase stage = awaiting;
    decisions.add(new Decision("APPROVED", stage, approval.approver(), approval.comment(), now(), "update"));
    awaiting = null;
    phase = Phase.RECOVERY;
    return new DecisionResult(caseId(), "APPROVED", stage,
        "approved by " + approval.approver() + (approval.deleteCompromisedKey() ? "; key will be deleted" : ""));
  }

  @Override
  public void validateReject(RejectRequest request) {
    if (awaiting == null) throw new IllegalStateException("incident " + caseId() + " is " + NOT_AWAITING);
  }

  @Override
  public DecisionResult reject(RejectRequest rejection) {
    Phase stage = awaiting;
    decisions.add(new Decision("REJECTED", stage, rejection.approver(), rejection.reason(), now(), "update"));
    awaiting = null;
    phase = Phase.CLOSED;
    outcome = Outcome.CONTAINED_RECOVERY_REJECTED;
    closed = true;
    return new DecisionResult(caseId(), "REJECTED", stage, "rejected: " + rejection.reason());
  }

  @Override
  public void approveSignal(ApprovalRequest request) {}

  @Override
  public void rejectSignal(RejectRequest request) {}

  @Override
  public void markFalsePositive(FalsePositiveRequest request) {
    decisions.add(new Decision("FALSE_POSITIVE", phase, request.analyst(), request.reason(), now(), "signal"));
    awaiting = null;
    phase = Phase.CLOSED;
    outcome = Outcome.FALSE_POSITIVE;
    closed = true;
  }

  @Override
  public IncidentState state() {
    return new IncidentState(caseId(), request == null ? null : request.playbook(),
        request == null ? null : request.finding(), phase, outcome, awaiting, null,
        request == null ? null : request.receivedAt(), null, null, List.of(), List.of(), List.of(),
        List.copyOf(decisions), List.of(), List.of(), List.of(), 1 + observations.size());
  }

  private String caseId() {
    return request == null ? null : request.caseId();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
