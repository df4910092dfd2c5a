package org.irplaybooks.workflows.playbook;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.irplaybooks.workflows.incident.ActionRecord;
import org.irplaybooks.workflows.incident.ActionStatus;
import org.irplaybooks.workflows.incident.ApprovalRequest;
import org.irplaybooks.workflows.incident.Decision;
import org.irplaybooks.workflows.incident.DecisionResult;
import org.irplaybooks.workflows.incident.EvidenceItem;
import org.irplaybooks.workflows.incident.FalsePositiveRequest;
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.FindingObservation;
import org.irplaybooks.workflows.incident.IncidentIds;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.incident.IncidentState;
import org.irplaybooks.workflows.incident.NotificationRecord;
import org.irplaybooks.workflows.incident.Outcome;
import org.irplaybooks.workflows.incident.Phase;
import org.irplaybooks.workflows.incident.RejectRequest;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.incident.TimelineEntry;
import org.irplaybooks.workflows.mitre.MitreMap;
import org.irplaybooks.workflows.mitre.MitreTechnique;
import org.irplaybooks.workflows.ports.EvidenceActivities;
import org.irplaybooks.workflows.ports.NotificationActivities;
import org.irplaybooks.workflows.report.IncidentReport;
import org.irplaybooks.workflows.report.ReportRenderer;
import org.slf4j.Logger;

/**
 * The shape every playbook shares: triage and severity routing, containment as a saga,
 * investigation, an approval gate with escalation, recovery, rollback on a false positive, and the
 * report with its evidence and chain of custody. A playbook fills in {@link #contain()},
 * {@link #investigate()} and {@link #recover(ApprovalRequest)}.
 */
public abstract class PlaybookWorkflow implements IncidentWorkflow {
  protected static final String SYSTEM_ACTOR = "ir-playbooks";
  /** {@link Workflow#getVersion} change id of the Slack and PagerDuty notifications. */
  static final String WEBHOOK_NOTIFICATIONS = "webhook-notifications";

  private final Logger log = Workflow.getLogger(getClass());
  protected final IncidentRequest request;
  protected final Finding finding;
  private final EvidenceActivities evidenceActivities =
      Workflow.newActivityStub(EvidenceActivities.class, ActivityDefaults.AWS_CALL);
  private final NotificationActivities notificationActivities =
      Workflow.newActivityStub(NotificationActivities.class, ActivityDefaults.NOTIFY);

  private Phase phase = Phase.TRIAGE;
  private Outcome outcome;
  private Phase awaiting;
  private Instant approvalDeadline;
  private Instant containedAt;
  private Instant closedAt;
  private int observations = 1;
  private final List<ActionRecord> actions = new ArrayList<>();
  /** Compensations by action id, registered before their step runs (saga). */
  private final Map<Integer, Runnable> compensations = new LinkedHashMap<>();
  private final List<EvidenceItem> evidence = new ArrayList<>();
  private final CustodyChain custody = new CustodyChain();
  private final List<Decision> decisions = new ArrayList<>();
  private final List<NotificationRecord> notifications = new ArrayList<>();
  private final List<TimelineEntry> timeline = new ArrayList<>();
  private List<MitreTechnique> techniques;
  private ApprovalRequest approval;
  /** Approvals of the stage awaited now; a CRITICAL recovery may need two different analysts. */
  private final List<ApprovalRequest> stageApprovals = new ArrayList<>();
  private RejectRequest rejection;
  private FalsePositiveRequest falsePositive;

  protected PlaybookWorkflow(IncidentRequest request) {
    this.request = request;
    this.finding = request.finding();
    this.techniques = MitreMap.forFindingType(finding.findingType());
  }

  // ---- the playbook's parts --------------------------------------------------------------------

  /** Automatic containment: every step through {@link #step}, with its compensation. */
  protected abstract void contain();

  /** Evidence and timeline; runs after containment, before the analyst decides on recovery. */
  protected abstract void investigate();

  /** Recovery after the analyst's approval. */
  protected abstract void recover(ApprovalRequest approvedBy);

  /**
   * The severity the playbook acts on: the finding's, unless the playbook knows better (the root
   * user's use is always CRITICAL, whatever the source rated it).
   */
  protected Severity severity() {
    return finding.severity();
  }

  /** What a person should do next, given how the incident ended. */
  protected abstract List<String> nextSteps(Outcome outcome);

  // ---- the shared flow -------------------------------------------------------------------------

  protected final IncidentReport runPlaybook() {
    timeline(finding.firstSeen() != null ? finding.firstSeen() : request.receivedAt(),
        finding.subject() == null ? "unknown" : finding.subject().displayName(),
        "Finding " + finding.findingType() + " (" + severity() + ") first seen", null, true);
    timeline(request.receivedAt(), SYSTEM_ACTOR, "Finding accepted, case " + request.caseId() + " opened", null, false);

    if (!severity().containsAutomatically()) {
      notify("AWAITING_CONTAINMENT_APPROVAL", "Approval needed to contain " + subjectName(),
          severity() + " finding " + finding.findingType() + " on " + subjectName()
              + ": containment waits for an analyst's approval.");
      Outcome gate = awaitDecision(Phase.AWAITING_CONTAINMENT_APPROVAL);
      if (gate != null) {
        Outcome closed = switch (gate) {
          case CONTAINED_RECOVERY_REJECTED -> Outcome.DISMISSED;
          case CONTAINED_RECOVERY_NOT_APPROVED -> Outcome.NOT_CONTAINED_NO_DECISION;
          default -> gate;
        };
        return close(closed);
      }
      // Approved: consume this approval so the recovery gate waits for its own.
      approval = null;
    }

    enterPhase(Phase.CONTAINMENT);
    contain();
    containedAt = now();
    timeline(containedAt, SYSTEM_ACTOR, "Containment complete", null, false);
    boolean complete = actions.stream().filter(a -> a.phase() == Phase.CONTAINMENT)
        .noneMatch(a -> a.status() == ActionStatus.FAILED);
    // Said plainly when a step failed: the person paged must not read "contained" when it is not.
    notify("CONTAINED", (complete ? "Contained: " : "Containment INCOMPLETE: ") + subjectName(), containmentSummary());
    if (falsePositive != null) return rollbackAndClose();

    enterPhase(Phase.INVESTIGATION);
    investigate();
    if (falsePositive != null) return rollbackAndClose();

    Outcome decided = awaitDecision(Phase.AWAITING_RECOVERY_APPROVAL);
    if (decided == Outcome.FALSE_POSITIVE) return rollbackAndClose();
    if (decided != null) return close(decided);

    enterPhase(Phase.RECOVERY);
    recover(approval);
    return close(Outcome.RECOVERED);
  }

  /**
   * Waits for a decision on the given stage. Answers null when approved, otherwise the outcome
   * that ends the incident (rejected, false positive, or no decision after escalation).
   */
  private Outcome awaitDecision(Phase stage) {
    enterPhase(stage);
    awaiting = stage;
    stageApprovals.clear();
    Duration timeout = request.policy().approvalTimeout();
    approvalDeadline = now().plus(timeout);
    boolean decided = Workflow.await(timeout, this::hasDecision);
    if (!decided) {
      timeline(now(), SYSTEM_ACTOR, "No decision within " + timeout + ": escalated", null, false);
      notify("ESCALATED", "Escalation: " + request.caseId() + " awaits a decision",
          "Nobody decided on " + stage + " for " + subjectName() + " within " + timeout + ".");
      Duration grace = request.policy().closeAfterEscalation();
      approvalDeadline = now().plus(grace);
      decided = Workflow.await(grace, this::hasDecision);
    }
    awaiting = null;
    approvalDeadline = null;
    if (falsePositive != null) return Outcome.FALSE_POSITIVE;
    if (rejection != null) return Outcome.CONTAINED_RECOVERY_REJECTED;
    if (!decided) return Outcome.CONTAINED_RECOVERY_NOT_APPROVED;
    return null;
  }

  private boolean hasDecision() {
    return approval != null || rejection != null || falsePositive != null;
  }

  private IncidentReport rollbackAndClose() {
    enterPhase(Phase.ROLLBACK);
    // Detached: a cancellation of the incident must not stop the undoing of what it did.
    Workflow.newDetachedCancellationScope(this::compensateAll).run();
    return close(Outcome.FALSE_POSITIVE);
  }

  private void compensateAll() {
    List<Integer> ids = new ArrayList<>(compensations.keySet());
    for (int i = ids.size() - 1; i >= 0; i--) {
      int id = ids.get(i);
      ActionRecord action = actions.get(id - 1);
      if (!mayHaveApplied(action)) continue;
      try {
        compensations.get(id).run();
        replace(action.finish(ActionStatus.COMPENSATED, action.finishedAt(), action.error()));
        timeline(now(), SYSTEM_ACTOR, "Undone: " + action.name() + " (" + action.resource() + ")", null, false);
      } catch (ActivityFailure failure) {
        replace(action.finish(ActionStatus.COMPENSATION_FAILED, action.finishedAt(),
            "compensation failed: " + describe(failure)));
      }
    }
  }

  /** A step that failed for good (non-retryable) changed nothing; any other may have applied. */
  private static boolean mayHaveApplied(ActionRecord action) {
    if (action.status() == ActionStatus.SUCCEEDED) return true;
    return action.status() == ActionStatus.FAILED && action.error() != null
        && !action.error().startsWith("[final]");
  }

  private IncidentReport close(Outcome finalOutcome) {
    outcome = finalOutcome;
    closedAt = now();
    timeline(closedAt, SYSTEM_ACTOR, "Incident closed: " + finalOutcome, null, false);
    // The phase turns CLOSED only once the report is stored and sent, so "CLOSED" means done.
    IncidentReport draft = new IncidentReport(snapshot(Phase.CLOSED), responseSeconds(), nextSteps(finalOutcome),
        List.of());
    List<String> locations = new ArrayList<>();
    storeEvidence("report/incident-report.txt", "text/plain; charset=utf-8", ReportRenderer.text(draft))
        .ifPresent(item -> locations.add(item.location()));
    storeEvidence("report/incident-report.md", "text/markdown; charset=utf-8", ReportRenderer.markdown(draft))
        .ifPresent(item -> locations.add(item.location()));
    storeEvidence("report/incident-report.json", "application/json", ReportRenderer.json(draft))
        .ifPresent(item -> locations.add(item.location()));
    storeEvidence("custody.json", "application/json", ReportRenderer.toJson(custody.entries()))
        .ifPresent(item -> locations.add(item.location()));
    notify("CLOSED", "Closed: " + request.caseId() + " " + finalOutcome,
        "Incident " + request.caseId() + " on " + subjectName() + " closed as " + finalOutcome + ".");
    enterPhase(Phase.CLOSED);
    Workflow.await(Workflow::isEveryHandlerFinished);
    return new IncidentReport(state(), responseSeconds(), nextSteps(finalOutcome), List.copyOf(locations));
  }

  private Double responseSeconds() {
    if (containedAt == null) return null;
    return Duration.between(request.receivedAt(), containedAt).toMillis() / 1000.0;
  }

  // ---- helpers for playbooks -------------------------------------------------------------------

  /**
   * Runs one step and records it. The compensation, when given, is registered before the step
   * runs, because a step that timed out may still have applied. A failed step is recorded with its
   * error and the playbook goes on: the answer is then empty.
   */
  protected final <T> Optional<T> step(String name, String resource, String undo, Supplier<T> call, Runnable compensation) {
    int id = actions.size() + 1;
    actions.add(new ActionRecord(id, phase, name, resource, ActionStatus.RUNNING, now(), null, undo, null));
    if (compensation != null) compensations.put(id, compensation);
    try {
      T value = call.get();
      replace(actions.get(id - 1).finish(ActionStatus.SUCCEEDED, now(), null));
      timeline(now(), SYSTEM_ACTOR, name + " (" + resource + ")", null, false);
      return Optional.ofNullable(value);
    } catch (ActivityFailure failure) {
      String error = describe(failure);
      log.warn("Step '{}' on {} failed: {}", name, resource, error);
      replace(actions.get(id - 1).finish(ActionStatus.FAILED, now(), error));
      timeline(now(), SYSTEM_ACTOR, "FAILED: " + name + " (" + resource + "): " + error, null, false);
      return Optional.empty();
    }
  }

  /** {@link #step} for calls that answer nothing. */
  protected final boolean step(String name, String resource, String undo, Runnable call, Runnable compensation) {
    return step(name, resource, undo, () -> {
      call.run();
      return Boolean.TRUE;
    }, compensation).isPresent();
  }

  /** Records a step that was not needed, and why. */
  protected final void skip(String name, String resource, String why) {
    int id = actions.size() + 1;
    Instant at = now();
    actions.add(new ActionRecord(id, phase, name, resource, ActionStatus.SKIPPED, at, at, why, null));
  }

  /** Stores an artifact, records it as evidence and in the chain of custody. */
  protected final Optional<EvidenceItem> storeEvidence(String name, String contentType, String content) {
    try {
      EvidenceItem item = evidenceActivities.storeEvidence(
          new EvidenceActivities.StoreEvidenceRequest(request.caseId(), name, contentType, content));
      recordEvidence(item, "stored");
      return Optional.of(item);
    } catch (ActivityFailure failure) {
      int id = actions.size() + 1;
      Instant at = now();
      actions.add(new ActionRecord(id, phase, "Store evidence " + name, "evidence bucket",
          ActionStatus.FAILED, at, at, null, describe(failure)));
      return Optional.empty();
    }
  }

  /** Records evidence an activity stored itself (e.g. raw CloudTrail events). */
  protected final void recordEvidence(EvidenceItem item, String action) {
    evidence.add(item);
    custody.append(now(), SYSTEM_ACTOR + " workflow " + IncidentIds.workflowId(request.caseId()),
        action, item.location(), item.sha256());
  }

  protected final void notify(String event, String subject, String message) {
    try {
      notifications.add(notificationActivities.notifyResponders(new NotificationActivities.NotificationRequest(
          request.caseId(), event, severity(), subject, message)));
    } catch (ActivityFailure failure) {
      notifications.add(new NotificationRecord("sns", event, null, false, describe(failure), now()));
    }
    // Histories recorded before the webhook channels existed replay without them.
    if (Workflow.getVersion(WEBHOOK_NOTIFICATIONS, Workflow.DEFAULT_VERSION, 1) < 1) return;
    for (String channel : NotificationActivities.WEBHOOK_CHANNELS) {
      try {
        NotificationRecord sent = notificationActivities.notifyChannel(new NotificationActivities.ChannelNotification(
            channel, request.caseId(), event, finding.severity(), subject, message));
        if (sent != null) notifications.add(sent);
      } catch (ActivityFailure failure) {
        // A notifier that fails (after its retries) is recorded; it never stops the response.
        notifications.add(new NotificationRecord(channel, event, null, false, describe(failure), now()));
      }
    }
  }

  protected final void timeline(Instant at, String actor, String what, String technique, boolean suspicious) {
    timeline.add(new TimelineEntry(at, actor, what, technique, suspicious));
  }

  protected final void addTechniques(List<MitreTechnique> more) {
    techniques = MitreMap.merge(techniques, more);
  }

  protected final Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  protected final String subjectName() {
    return finding.subject() == null ? "unknown subject" : finding.subject().displayName();
  }

  /** A failure as one line: its type, and "[final]" when retrying could not help. */
  protected static String describe(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure app) {
      return (app.isNonRetryable() ? "[final] " : "") + app.getType() + ": " + app.getOriginalMessage();
    }
    if (cause instanceof TimeoutFailure timeout) {
      return "timed out (" + timeout.getTimeoutType() + ")";
    }
    return cause == null ? failure.getMessage() : cause.getMessage();
  }

  private String containmentSummary() {
    StringBuilder text = new StringBuilder("Case " + request.caseId() + " (" + severity() + ", "
        + finding.findingType() + ") on " + subjectName() + ":\n");
    for (ActionRecord a : actions) {
      if (a.phase() == Phase.CONTAINMENT) {
        text.append(a.status() == ActionStatus.SUCCEEDED ? "  [OK] " : "  [" + a.status() + "] ")
            .append(a.name()).append(" - ").append(a.resource()).append('\n');
      }
    }
    return text.toString();
  }

  private void enterPhase(Phase next) {
    phase = next;
    Workflow.upsertTypedSearchAttributes(IncidentSearchAttributes.PHASE.valueSet(next.name()));
  }

  private void replace(ActionRecord updated) {
    actions.set(updated.id() - 1, updated);
  }

  // ---- handlers ------------------------------------------------------------------------------

  @Override
  public void findingObserved(FindingObservation observation) {
    observations++;
    Finding again = observation.finding();
    if (again != null && !again.findingId().equals(finding.findingId())) {
      // Another source's finding about the same subject (e.g. GuardDuty after the Health event).
      timeline(observation.receivedAt(), "source", "Related finding joined the incident: " + again.findingType()
          + " (" + again.source() + " " + again.findingId() + ", " + again.severity() + ")", null, true);
      addTechniques(MitreMap.forFindingType(again.findingType()));
      return;
    }
    timeline(observation.receivedAt(), "source", "Finding delivered again (count "
        + (again == null ? "?" : again.count()) + ")", null, false);
  }

  @Override
  public void validateApprove(ApprovalRequest r) {
    requireAwaiting();
    if (r == null || r.approver() == null || r.approver().isBlank()) {
      throw new IllegalArgumentException("approver is required");
    }
    requireNotSubject(r.approver(), r.approverPrincipals());
    for (ApprovalRequest earlier : stageApprovals) {
      if (earlier.approver().equalsIgnoreCase(r.approver().trim())) {
        throw new IllegalArgumentException(r.approver() + " already approved " + awaiting
            + "; the second approval must come from a different analyst");
      }
    }
  }

  @Override
  public DecisionResult approve(ApprovalRequest r) {
    return acceptApproval(r, "update");
  }

  @Override
  public void validateReject(RejectRequest r) {
    requireAwaiting();
    if (r == null || r.approver() == null || r.approver().isBlank()) {
      throw new IllegalArgumentException("approver is required");
    }
    if (r.reason() == null || r.reason().isBlank()) {
      throw new IllegalArgumentException("a rejection needs a reason");
    }
    requireNotSubject(r.approver(), r.approverPrincipals());
  }

  @Override
  public DecisionResult reject(RejectRequest r) {
    return acceptRejection(r, "update");
  }

  @Override
  public void approveSignal(ApprovalRequest r) {
    try {
      validateApprove(r);
    } catch (IllegalArgumentException | IllegalStateException refused) {
      timeline(now(), r == null ? "unknown" : r.approver(), "Approval signal ignored: " + refused.getMessage(), null, false);
      return;
    }
    acceptApproval(r, "signal");
  }

  @Override
  public void rejectSignal(RejectRequest r) {
    try {
      validateReject(r);
    } catch (IllegalArgumentException | IllegalStateException refused) {
      timeline(now(), r == null ? "unknown" : r.approver(), "Rejection signal ignored: " + refused.getMessage(), null, false);
      return;
    }
    acceptRejection(r, "signal");
  }

  @Override
  public void markFalsePositive(FalsePositiveRequest r) {
    // Once recovery has begun there is nothing left to roll back safely: the analyst approved it.
    if (phase == Phase.CLOSED || phase == Phase.ROLLBACK || phase == Phase.RECOVERY || falsePositive != null) {
      timeline(now(), r == null ? "unknown" : r.analyst(), "False-positive mark ignored: incident is " + phase, null, false);
      return;
    }
    String analyst = r == null || r.analyst() == null || r.analyst().isBlank() ? "unknown" : r.analyst();
    if (r != null && SelfApproval.isSubject(finding.subject(), r.analyst(), r.analystPrincipals())) {
      timeline(now(), analyst, "False-positive mark ignored: " + analyst + " is the incident's subject", null, false);
      return;
    }
    falsePositive = new FalsePositiveRequest(analyst, r == null ? null : r.reason());
    decisions.add(new Decision("FALSE_POSITIVE", phase, analyst, falsePositive.reason(), now(), "signal"));
    custody.append(now(), analyst, "marked false positive", IncidentIds.workflowId(request.caseId()), null);
  }

  private void requireAwaiting() {
    if (awaiting == null) {
      throw new IllegalStateException("incident " + request.caseId() + " is not awaiting approval (phase " + phase + ")");
    }
    if (hasDecision()) {
      throw new IllegalStateException("incident " + request.caseId() + " already has a decision");
    }
  }

  private void requireNotSubject(String analyst, List<String> principals) {
    if (SelfApproval.isSubject(finding.subject(), analyst, principals)) {
      throw new IllegalArgumentException(analyst + " is the subject of incident " + request.caseId()
          + " and cannot decide on it");
    }
  }

  private DecisionResult acceptApproval(ApprovalRequest r, String via) {
    Phase stage = awaiting;
    int needed = request.policy() == null ? 1 : request.policy().approvalsNeeded(stage, finding.severity());
    stageApprovals.add(r);
    if (stageApprovals.size() < needed) {
      String kind = "APPROVAL_" + stageApprovals.size() + "_OF_" + needed;
      decisions.add(new Decision(kind, stage, r.approver(), r.comment(), now(), via));
      custody.append(now(), r.approver(), "approved " + stage + " (" + stageApprovals.size() + " of " + needed + ")",
          IncidentIds.workflowId(request.caseId()), null);
      return new DecisionResult(request.caseId(), kind, stage,
          "approval " + stageApprovals.size() + " of " + needed + " recorded; another analyst must approve");
    }
    approval = r;
    decisions.add(new Decision("APPROVED", stage, r.approver(), r.comment(), now(), via));
    custody.append(now(), r.approver(), "approved " + stage, IncidentIds.workflowId(request.caseId()), null);
    return new DecisionResult(request.caseId(), "APPROVED", stage,
        stage == Phase.AWAITING_CONTAINMENT_APPROVAL ? "containment approved" : "recovery approved");
  }

  private DecisionResult acceptRejection(RejectRequest r, String via) {
    Phase stage = awaiting;
    rejection = r;
    decisions.add(new Decision("REJECTED", stage, r.approver(), r.reason(), now(), via));
    custody.append(now(), r.approver(), "rejected " + stage, IncidentIds.workflowId(request.caseId()), null);
    return new DecisionResult(request.caseId(), "REJECTED", stage, "rejected: " + r.reason());
  }

  @Override
  public IncidentState state() {
    return snapshot(phase);
  }

  private IncidentState snapshot(Phase shownPhase) {
    return new IncidentState(request.caseId(), request.playbook(), finding, shownPhase, outcome, awaiting,
        approvalDeadline, request.receivedAt(), containedAt, closedAt, List.copyOf(actions),
        List.copyOf(evidence), custody.entries(), List.copyOf(decisions), List.copyOf(notifications),
        List.copyOf(techniques), List.copyOf(timeline), observations);
  }
}
