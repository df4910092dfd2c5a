package org.irplaybooks.workflows.credentials.accesskey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.ACCOUNT;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.KEY;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.USER;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.accessKeyFinding;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.awaitState;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.options;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.irplaybooks.workflows.catalog.PlaybookCatalog;
import org.irplaybooks.workflows.incident.ActionRecord;
import org.irplaybooks.workflows.incident.ActionStatus;
import org.irplaybooks.workflows.incident.ApprovalRequest;
import org.irplaybooks.workflows.incident.DecisionResult;
import org.irplaybooks.workflows.incident.EvidenceItem;
import org.irplaybooks.workflows.incident.FalsePositiveRequest;
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.FindingSource;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.incident.IncidentState;
import org.irplaybooks.workflows.incident.Outcome;
import org.irplaybooks.workflows.incident.Phase;
import org.irplaybooks.workflows.incident.RejectRequest;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.incident.Subject;
import org.irplaybooks.workflows.playbook.CustodyChain;
import org.irplaybooks.workflows.ports.CloudTrailActivities;
import org.irplaybooks.workflows.ports.CloudTrailActivities.ActivityLog;
import org.irplaybooks.workflows.ports.CloudTrailActivities.ApiEvent;
import org.irplaybooks.workflows.ports.EvidenceActivities;
import org.irplaybooks.workflows.ports.FailureType;
import org.irplaybooks.workflows.ports.IamCredentialActivities;
import org.irplaybooks.workflows.ports.IamCredentialActivities.AccessKeyInfo;
import org.irplaybooks.workflows.ports.IamCredentialActivities.IssuedCredential;
import org.irplaybooks.workflows.ports.IamCredentialActivities.UserCredentialState;
import org.irplaybooks.workflows.ports.NotificationActivities;
import org.irplaybooks.workflows.report.IncidentReport;
import org.irplaybooks.workflows.testing.PlaybookFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

class AccessKeyCompromiseWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL = PlaybookFixtures.extension()
      .registerWorkflowImplementationTypes(AccessKeyCompromiseWorkflowImpl.class)
      .build();

  private IamCredentialActivities iam;
  private CloudTrailActivities cloudTrail;
  private EvidenceActivities evidence;
  private NotificationActivities notifications;

  IamCredentialActivities iam() {
    return iam;
  }

  CloudTrailActivities cloudTrail() {
    return cloudTrail;
  }

  EvidenceActivities evidence() {
    return evidence;
  }

  NotificationActivities notifications() {
    return notifications;
  }

  @BeforeEach
  void mocks() {
    iam = mock(IamCredentialActivities.class, withSettings().withoutAnnotations());
    cloudTrail = mock(CloudTrailActivities.class, withSettings().withoutAnnotations());
    evidence = PlaybookFixtures.evidenceMock();
    notifications = PlaybookFixtures.notificationMock();
    when(iam.describeUserCredentials(any())).thenReturn(new UserCredentialState(USER,
        "arn:aws:iam::" + ACCOUNT + ":user/" + USER,
        List.of(new AccessKeyInfo(KEY, "Active", Instant.parse("2026-01-01T00:00:00Z"))),
        List.of("deploy-inline"), List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"), List.of(), true,
        Instant.parse("2026-01-01T00:00:00Z"), List.of(), Map.of("team", "payments")));
    when(iam.setAccessKeyStatus(any())).thenReturn("Active");
    when(iam.deleteLoginProfile(any())).thenReturn(true);
    when(iam.createReplacementAccessKey(any())).thenReturn(new IssuedCredential(USER, "AKIANEWKEY0000000001",
        "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:ir-playbooks/x/access-key"));
    when(iam.issueConsolePassword(any())).thenReturn(new IssuedCredential(USER, "console",
        "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:ir-playbooks/x/console-password"));
    when(cloudTrail.lookupEvents(any())).thenReturn(new ActivityLog(List.of(
        new ApiEvent(Instant.parse("2026-11-20T09:56:00Z"), "ListBuckets", "s3.amazonaws.com", "198.51.100.23",
            "aws-cli/2", null, "e1"),
        new ApiEvent(Instant.parse("2026-11-20T09:57:00Z"), "CreateUser", "iam.amazonaws.com", "198.51.100.23",
            "aws-cli/2", null, "e2"),
        new ApiEvent(Instant.parse("2026-11-20T09:58:00Z"), "ListUsers", "iam.amazonaws.com", "198.51.100.23",
            "aws-cli/2", "AccessDenied", "e3")),
        false, new EvidenceItem("cloudtrail/AccessKeyId-" + KEY + ".json", "s3://evidence/cloudtrail.json",
            "ab".repeat(32), 10, "application/json", Instant.EPOCH)));
  }

  private WorkflowClient start(TestWorkflowEnvironment env, Worker worker, IncidentRequest request) {
    worker.registerActivitiesImplementations(iam, cloudTrail, evidence, notifications);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    AccessKeyCompromiseWorkflow workflow = client.newWorkflowStub(AccessKeyCompromiseWorkflow.class, options(request, worker.getTaskQueue()));
    WorkflowClient.start(workflow::run, request);
    return client;
  }

  private static IncidentRequest high() {
    return PlaybookFixtures.request(accessKeyFinding(Severity.HIGH), PlaybookCatalog.ACCESS_KEY_COMPROMISE.name());
  }

  /** An AWS Health "credentials exposed" event names only the key, not its owner. */
  private static IncidentRequest exposedKeyRequest(String eventId) {
    Finding exposed = new Finding(FindingSource.AWS_HEALTH, "arn:aws:health:global::event/EXPOSED/" + eventId,
        "AWS_RISK_CREDENTIALS_EXPOSED", Severity.CRITICAL, ACCOUNT, "us-east-1", "Access key exposed publicly",
        PlaybookFixtures.FIRST_SEEN, PlaybookFixtures.FIRST_SEEN, 1,
        new Subject(null, null, null, KEY, "AccessKey", null), null, List.of());
    return PlaybookFixtures.request(exposed, PlaybookCatalog.ACCESS_KEY_COMPROMISE.name());
  }

  private static String workflowId(IncidentRequest r) {
    return "incident-" + r.caseId();
  }

  private static IncidentReport result(WorkflowClient client, IncidentRequest r) {
    return client.newUntypedWorkflowStub(workflowId(r)).getResult(IncidentReport.class);
  }

  private static ActionRecord action(IncidentState state, String namePrefix) {
    return state.actions().stream().filter(a -> a.name().startsWith(namePrefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no action " + namePrefix + " in " + state.actions()));
  }

  @Test
  void highSeverity_containsAtOnce_thenRecoversAfterApproval(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = high();
    WorkflowClient client = start(env, worker, request);

    IncidentState waiting = awaitState(client, workflowId(request),
        s -> s.phase() == Phase.AWAITING_RECOVERY_APPROVAL);
    assertThat(waiting.awaiting()).isEqualTo(Phase.AWAITING_RECOVERY_APPROVAL);
    assertThat(waiting.containedAt()).isNotNull();
    assertThat(waiting.actions()).filteredOn(a -> a.phase() == Phase.CONTAINMENT)
        .extracting(ActionRecord::status).containsOnly(ActionStatus.SUCCEEDED);
    assertThat(waiting.techniques()).extracting(t -> t.id()).contains("T1078.004", "T1552", "T1136.003");
    assertThat(waiting.timeline()).anyMatch(t -> t.what().startsWith("CreateUser") && t.suspicious());

    AccessKeyCompromiseWorkflow incident = client.newWorkflowStub(AccessKeyCompromiseWorkflow.class, workflowId(request));
    DecisionResult decision = incident.approve(new ApprovalRequest("alice@example.com", "confirmed with owner", true));
    assertThat(decision.decision()).isEqualTo("APPROVED");

    IncidentReport report = result(client, request);
    IncidentState end = report.incident();
    assertThat(end.outcome()).isEqualTo(Outcome.RECOVERED);
    assertThat(end.phase()).isEqualTo(Phase.CLOSED);
    assertThat(report.responseSeconds()).isNotNull();
    assertThat(report.reportLocations()).hasSize(4);
    assertThat(action(end, "Create replacement access key").status()).isEqualTo(ActionStatus.SUCCEEDED);
    assertThat(action(end, "Delete compromised access key").status()).isEqualTo(ActionStatus.SUCCEEDED);
    assertThat(end.decisions()).singleElement().satisfies(d -> assertThat(d.by()).isEqualTo("alice@example.com"));
    assertThat(CustodyChain.verify(end.custody())).isTrue();
    assertThat(end.notifications()).extracting(n -> n.event()).contains("CONTAINED", "CLOSED");

    InOrder order = inOrder(iam);
    order.verify(iam).describeUserCredentials(any());
    order.verify(iam).setAccessKeyStatus(argThat(r -> r.status().equals("Inactive") && r.accessKeyId().equals(KEY)));
    order.verify(iam).putUserPolicy(argThat(r -> r.policyName().startsWith("ir-playbooks-deny-all-")
        && r.policyDocument().contains("\"Effect\":\"Deny\"")));
    order.verify(iam).deleteLoginProfile(any());
    order.verify(iam).putUserPolicy(argThat(r -> r.policyName().startsWith("ir-playbooks-revoke-sessions-")
        && r.policyDocument().contains("aws:TokenIssueTime")));
    order.verify(iam).tagUser(any());
    order.verify(iam).createReplacementAccessKey(any());
    order.verify(iam).deleteUserPolicy(argThat(r -> r.policyName().startsWith("ir-playbooks-deny-all-")));
    order.verify(iam).putUserPolicy(argThat(r -> r.policyName().startsWith("ir-playbooks-require-mfa-")));
    order.verify(iam).deleteAccessKey(argThat(k -> k.accessKeyId().equals(KEY)));
    verify(evidence).storeEvidence(argThat(r -> r.name().equals("pre-containment/user-credentials.json")));
    verify(evidence).storeEvidence(argThat(r -> r.name().equals("report/incident-report.txt")
        && r.content().contains("INCIDENT RESPONSE REPORT") && r.content().contains("T1078.004")));
  }

  @Test
  void approvalTimeout_escalates_thenClosesContainedWithoutRecovery(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = high();
    WorkflowClient client = start(env, worker, request);

    IncidentReport report = result(client, request); // time skips through both waits
    assertThat(report.incident().outcome()).isEqualTo(Outcome.CONTAINED_RECOVERY_NOT_APPROVED);
    assertThat(report.incident().notifications()).extracting(n -> n.event())
        .containsSubsequence("CONTAINED", "ESCALATED", "CLOSED");
    verify(iam, never()).createReplacementAccessKey(any());
    verify(iam, never()).deleteUserPolicy(any());
    assertThat(Duration.between(report.incident().containedAt(), report.incident().closedAt()))
        .isGreaterThanOrEqualTo(Duration.ofHours(24));
  }

  @Test
  void rejection_keepsContainment_andRecordsTheReason(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = high();
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);

    AccessKeyCompromiseWorkflow incident = client.newWorkflowStub(AccessKeyCompromiseWorkflow.class, workflowId(request));
    incident.reject(new RejectRequest("bob@example.com", "attacker still active in another account"));

    IncidentReport report = result(client, request);
    assertThat(report.incident().outcome()).isEqualTo(Outcome.CONTAINED_RECOVERY_REJECTED);
    assertThat(report.incident().decisions()).singleElement()
        .satisfies(d -> assertThat(d.comment()).isEqualTo("attacker still active in another account"));
    verify(iam, never()).createReplacementAccessKey(any());
    verify(iam, never()).deleteUserPolicy(any());
  }

  @Test
  void falsePositive_compensatesEveryContainmentStep_newestFirst(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = high();
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);

    AccessKeyCompromiseWorkflow incident = client.newWorkflowStub(AccessKeyCompromiseWorkflow.class, workflowId(request));
    incident.markFalsePositive(new FalsePositiveRequest("carol@example.com", "red-team exercise"));

    IncidentReport report = result(client, request);
    assertThat(report.incident().outcome()).isEqualTo(Outcome.FALSE_POSITIVE);
    assertThat(report.incident().actions()).filteredOn(a -> a.phase() == Phase.CONTAINMENT && a.undo() != null
        && !a.undo().startsWith("None")).extracting(ActionRecord::status).containsOnly(ActionStatus.COMPENSATED);

    InOrder order = inOrder(iam);
    order.verify(iam).untagUser(any());
    order.verify(iam).deleteUserPolicy(argThat(r -> r.policyName().startsWith("ir-playbooks-revoke-sessions-")));
    order.verify(iam).issueConsolePassword(any());
    order.verify(iam).deleteUserPolicy(argThat(r -> r.policyName().startsWith("ir-playbooks-deny-all-")));
    order.verify(iam).setAccessKeyStatus(argThat(r -> r.status().equals("Active")));
    verify(iam, never()).createReplacementAccessKey(any());
  }

  @Test
  void failingContainmentStep_isReported_andTheOtherStepsStillRun(TestWorkflowEnvironment env, Worker worker) {
    when(iam.deleteLoginProfile(any())).thenThrow(
        ApplicationFailure.newNonRetryableFailure("not allowed: iam:DeleteLoginProfile", FailureType.ACCESS_DENIED.name()));
    IncidentRequest request = high();
    WorkflowClient client = start(env, worker, request);

    IncidentState waiting = awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    ActionRecord failed = action(waiting, "Remove console password");
    assertThat(failed.status()).isEqualTo(ActionStatus.FAILED);
    assertThat(failed.error()).contains("ACCESS_DENIED").contains("iam:DeleteLoginProfile");
    assertThat(action(waiting, "Revoke sessions").status()).isEqualTo(ActionStatus.SUCCEEDED);
    assertThat(action(waiting, "Tag user as contained").status()).isEqualTo(ActionStatus.SUCCEEDED);
    verify(iam).tagUser(any());

    // A step that failed for good changed nothing, so a rollback does not "undo" it.
    client.newWorkflowStub(AccessKeyCompromiseWorkflow.class, workflowId(request))
        .markFalsePositive(new FalsePositiveRequest("carol@example.com", "test"));
    IncidentReport report = result(client, request);
    assertThat(action(report.incident(), "Remove console password").status()).isEqualTo(ActionStatus.FAILED);
    verify(iam, never()).issueConsolePassword(any());
    assertThat(report.incident().outcome()).isEqualTo(Outcome.FALSE_POSITIVE);
  }

  @Test
  void mediumSeverity_waitsForApproval_beforeContaining(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = PlaybookFixtures.request(accessKeyFinding(Severity.MEDIUM),
        PlaybookCatalog.ACCESS_KEY_COMPROMISE.name());
    WorkflowClient client = start(env, worker, request);

    IncidentState gate = awaitState(client, workflowId(request),
        s -> s.awaiting() == Phase.AWAITING_CONTAINMENT_APPROVAL);
    assertThat(gate.actions()).isEmpty();
    verify(iam, never()).setAccessKeyStatus(any());
    assertThat(gate.notifications()).extracting(n -> n.event()).contains("AWAITING_CONTAINMENT_APPROVAL");

    AccessKeyCompromiseWorkflow incident = client.newWorkflowStub(AccessKeyCompromiseWorkflow.class, workflowId(request));
    assertThat(incident.approve(new ApprovalRequest("alice@example.com", "contain it", false)).stage())
        .isEqualTo(Phase.AWAITING_CONTAINMENT_APPROVAL);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    verify(iam).setAccessKeyStatus(argThat(r -> r.status().equals("Inactive")));

    incident.approveSignal(new ApprovalRequest("dave@example.com", "recover", false));
    IncidentReport report = result(client, request);
    assertThat(report.incident().outcome()).isEqualTo(Outcome.RECOVERED);
    assertThat(report.incident().decisions()).extracting(d -> d.via()).containsExactly("update", "signal");
    verify(iam, never()).deleteAccessKey(any());
  }

  @Test
  void mediumSeverity_rejectedAtTheGate_isDismissedWithoutTouchingAws(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = PlaybookFixtures.request(accessKeyFinding(Severity.LOW),
        PlaybookCatalog.ACCESS_KEY_COMPROMISE.name());
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_CONTAINMENT_APPROVAL);
    client.newWorkflowStub(AccessKeyCompromiseWorkflow.class, workflowId(request))
        .reject(new RejectRequest("bob@example.com", "known scanner"));

    IncidentReport report = result(client, request);
    assertThat(report.incident().outcome()).isEqualTo(Outcome.DISMISSED);
    assertThat(report.incident().containedAt()).isNull();
    verify(iam, never()).setAccessKeyStatus(any());
    verify(iam, never()).putUserPolicy(any());
  }

  @Test
  void updateValidator_refusesWhenNotAwaiting_andWithoutApprover(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = high();
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId(request));

    assertThatThrownBy(() -> stub.update("approve", DecisionResult.class, new ApprovalRequest(" ", "x", false)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause().hasMessageContaining("approver is required");
    assertThatThrownBy(() -> stub.update("reject", DecisionResult.class, new RejectRequest("bob", "")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause().hasMessageContaining("reason");

    stub.update("approve", DecisionResult.class, new ApprovalRequest("alice", "ok", false));
    assertThatThrownBy(() -> stub.update("approve", DecisionResult.class, new ApprovalRequest("alice", "again", false)))
        .isInstanceOf(WorkflowUpdateException.class);
    assertThat(result(client, request).incident().outcome()).isEqualTo(Outcome.RECOVERED);
  }

  @Test
  void invalidApprovalSignal_isIgnoredAndRecorded(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = high();
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    AccessKeyCompromiseWorkflow incident = client.newWorkflowStub(AccessKeyCompromiseWorkflow.class, workflowId(request));

    incident.approveSignal(new ApprovalRequest("", "no name", false));
    IncidentState after = awaitState(client, workflowId(request),
        s -> s.timeline().stream().anyMatch(t -> t.what().startsWith("Approval signal ignored")));
    assertThat(after.awaiting()).isEqualTo(Phase.AWAITING_RECOVERY_APPROVAL);
    assertThat(after.decisions()).isEmpty();
  }

  @Test
  void healthEventWithoutUserName_looksUpTheKeysOwner_beforeContaining(TestWorkflowEnvironment env, Worker worker) {
    when(iam.findAccessKeyOwner(any())).thenReturn(USER);
    IncidentRequest request = exposedKeyRequest("1");
    WorkflowClient client = start(env, worker, request);

    IncidentState waiting = awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    assertThat(action(waiting, "Find the access key's owner").status()).isEqualTo(ActionStatus.SUCCEEDED);
    verify(iam).setAccessKeyStatus(argThat(r -> r.userName().equals(USER) && r.status().equals("Inactive")));
    assertThat(waiting.techniques()).extracting(t -> t.id()).startsWith("T1552", "T1078.004");
  }

  @Test
  void unknownKeyOwner_stopsContainment_andSaysSo(TestWorkflowEnvironment env, Worker worker) {
    when(iam.findAccessKeyOwner(any())).thenThrow(
        ApplicationFailure.newNonRetryableFailure("no user has key " + KEY, FailureType.NOT_FOUND.name()));
    IncidentRequest request = exposedKeyRequest("2");
    WorkflowClient client = start(env, worker, request);

    IncidentState waiting = awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    assertThat(action(waiting, "Find the access key's owner").error()).contains("NOT_FOUND");
    verify(iam, never()).setAccessKeyStatus(any());
  }

  @Test
  void subjectOfTheIncident_cannotApproveRejectOrMarkFalsePositive_evenByDirectUpdate(
      TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = high();
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId(request));
    String arn = "arn:aws:iam::" + ACCOUNT + ":user/" + USER;

    assertThatThrownBy(() -> stub.update("approve", DecisionResult.class,
        new ApprovalRequest("mallory", "mine", false, List.of(arn))))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause().hasMessageContaining("is the subject of incident");
    assertThatThrownBy(() -> stub.update("approve", DecisionResult.class, new ApprovalRequest(USER.toUpperCase(), "x", false)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause().hasMessageContaining("is the subject");
    assertThatThrownBy(() -> stub.update("reject", DecisionResult.class, new RejectRequest("m", "no", List.of(USER))))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause().hasMessageContaining("is the subject");
    client.newWorkflowStub(AccessKeyCompromiseWorkflow.class, workflowId(request))
        .markFalsePositive(new FalsePositiveRequest("mallory", "not me", List.of(arn)));

    IncidentState after = awaitState(client, workflowId(request),
        s -> s.timeline().stream().anyMatch(t -> t.what().startsWith("False-positive mark ignored")));
    assertThat(after.decisions()).isEmpty();
    assertThat(after.awaiting()).isEqualTo(Phase.AWAITING_RECOVERY_APPROVAL);
    stub.update("approve", DecisionResult.class, new ApprovalRequest("alice", "ok", false, List.of("alice")));
    assertThat(result(client, request).incident().outcome()).isEqualTo(Outcome.RECOVERED);
  }

  @Test
  void criticalRecovery_withTwoApprovalsRequired_needsTwoDifferentAnalysts(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest base = PlaybookFixtures.request(accessKeyFinding(Severity.CRITICAL),
        PlaybookCatalog.ACCESS_KEY_COMPROMISE.name());
    IncidentRequest request = new IncidentRequest(base.caseId(), base.playbook(), base.finding(),
        new org.irplaybooks.workflows.incident.ResponsePolicy(Duration.ofHours(4), Duration.ofHours(20), 2),
        base.receivedAt());
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId(request));

    DecisionResult first = stub.update("approve", DecisionResult.class, new ApprovalRequest("alice", "ok", false));
    assertThatThrownBy(() -> stub.update("approve", DecisionResult.class, new ApprovalRequest("ALICE", "me again", false)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause().hasMessageContaining("different analyst");
    IncidentState between = stub.query("state", IncidentState.class);
    DecisionResult second = stub.update("approve", DecisionResult.class, new ApprovalRequest("bob", "agreed", false));

    assertThat(first.decision()).isEqualTo("APPROVAL_1_OF_2");
    assertThat(between.awaiting()).isEqualTo(Phase.AWAITING_RECOVERY_APPROVAL);
    assertThat(second.decision()).isEqualTo("APPROVED");
    IncidentReport report = result(client, request);
    assertThat(report.incident().outcome()).isEqualTo(Outcome.RECOVERED);
    assertThat(report.incident().decisions()).extracting(d -> d.kind() + " " + d.by())
        .containsExactly("APPROVAL_1_OF_2 alice", "APPROVED bob");
  }

  @Test
  void highRecovery_withTwoApprovalsConfiguredForCritical_needsOne(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest base = high();
    IncidentRequest request = new IncidentRequest(base.caseId(), base.playbook(), base.finding(),
        new org.irplaybooks.workflows.incident.ResponsePolicy(Duration.ofHours(4), Duration.ofHours(20), 2),
        base.receivedAt());
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);

    DecisionResult only = client.newUntypedWorkflowStub(workflowId(request))
        .update("approve", DecisionResult.class, new ApprovalRequest("alice", "ok", false));

    assertThat(only.decision()).isEqualTo("APPROVED");
    assertThat(result(client, request).incident().outcome()).isEqualTo(Outcome.RECOVERED);
  }

  @Test
  void webhookChannels_areOfferedEveryNotification_andAFailingOneNeverStopsTheResponse(
      TestWorkflowEnvironment env, Worker worker) {
    when(notifications.notifyChannel(any())).thenAnswer(call -> {
      NotificationActivities.ChannelNotification n = call.getArgument(0);
      if (n.channel().equals("pagerduty")) {
        throw ApplicationFailure.newNonRetryableFailure("PagerDuty refused (400)", FailureType.CONFIGURATION.name());
      }
      return new org.irplaybooks.workflows.incident.NotificationRecord(n.channel(), n.event(), "hooks.slack.com", true,
          "HTTP 200", Instant.EPOCH);
    });
    IncidentRequest request = high();
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    client.newWorkflowStub(AccessKeyCompromiseWorkflow.class, workflowId(request))
        .approve(new ApprovalRequest("alice", "ok", false));

    IncidentReport report = result(client, request);
    assertThat(report.incident().outcome()).isEqualTo(Outcome.RECOVERED);
    assertThat(report.incident().notifications()).filteredOn(n -> n.channel().equals("slack"))
        .extracting(n -> n.event()).containsExactly("CONTAINED", "CLOSED");
    assertThat(report.incident().notifications()).filteredOn(n -> n.channel().equals("pagerduty"))
        .allSatisfy(n -> {
          assertThat(n.delivered()).isFalse();
          assertThat(n.detail()).contains("PagerDuty refused");
        })
        .extracting(n -> n.event()).containsExactly("CONTAINED", "CLOSED");
    verify(notifications).notifyChannel(argThat(n -> n.channel().equals("slack") && n.event().equals("CONTAINED")
        && n.caseId().equals(request.caseId()) && n.severity() == Severity.HIGH));
  }

  @Test
  void exposedKey_reportSaysSo_andAwsQuarantinePolicyIsRecorded_neverRemoved(TestWorkflowEnvironment env, Worker worker) {
    String quarantine = "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2";
    when(iam.findAccessKeyOwner(any())).thenReturn(USER);
    when(iam.describeUserCredentials(any())).thenReturn(new UserCredentialState(USER,
        "arn:aws:iam::" + ACCOUNT + ":user/" + USER,
        List.of(new AccessKeyInfo(KEY, "Active", Instant.parse("2026-01-01T00:00:00Z"))),
        List.of(), List.of(quarantine), List.of(), false, null, List.of("arn:aws:iam::" + ACCOUNT + ":mfa/x"), Map.of()));
    org.irplaybooks.workflows.incident.Finding exposed = new org.irplaybooks.workflows.incident.Finding(
        org.irplaybooks.workflows.incident.FindingSource.AWS_HEALTH, "arn:aws:health:global::event/EXPOSED/3",
        "AWS_RISK_CREDENTIALS_EXPOSED", Severity.CRITICAL, ACCOUNT, "us-east-1", "Access key exposed publicly",
        PlaybookFixtures.FIRST_SEEN, PlaybookFixtures.FIRST_SEEN, 1,
        new org.irplaybooks.workflows.incident.Subject(null, null, null, KEY, "AccessKey", null), null, List.of());
    IncidentRequest request = PlaybookFixtures.request(exposed, PlaybookCatalog.ACCESS_KEY_COMPROMISE.name());
    WorkflowClient client = start(env, worker, request);

    IncidentState waiting = awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    assertThat(waiting.timeline()).anyMatch(t -> t.what().contains("was found publicly exposed") && t.suspicious());
    assertThat(action(waiting, "Note AWS quarantine policy").status()).isEqualTo(ActionStatus.SKIPPED);
    assertThat(action(waiting, "Note AWS quarantine policy").resource()).endsWith(quarantine);

    // A GuardDuty finding about the same key joins this incident rather than opening another.
    AccessKeyCompromiseWorkflow incident = client.newWorkflowStub(AccessKeyCompromiseWorkflow.class, workflowId(request));
    incident.findingObserved(new org.irplaybooks.workflows.incident.FindingObservation(
        accessKeyFinding(Severity.HIGH), Instant.parse("2026-11-20T10:05:00Z")));
    awaitState(client, workflowId(request), s -> s.timeline().stream()
        .anyMatch(t -> t.what().startsWith("Related finding joined the incident: UnauthorizedAccess:IAMUser/")));

    incident.approve(new ApprovalRequest("alice@example.com", "rotated", false));
    IncidentReport report = result(client, request);
    assertThat(action(report.incident(), "Remove AWS quarantine policy").status()).isEqualTo(ActionStatus.SKIPPED);
    assertThat(report.nextSteps()).anyMatch(n -> n.contains(quarantine) && n.contains("deliberately"))
        .anyMatch(n -> n.contains("The key was public"));
    assertThat(report.incident().observations()).isEqualTo(2);
    verify(iam, never()).deleteUserPolicy(argThat(r -> r.policyName().contains("Quarantine")));
  }
}
