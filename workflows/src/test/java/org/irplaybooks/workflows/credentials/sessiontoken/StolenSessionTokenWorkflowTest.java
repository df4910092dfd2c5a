package org.irplaybooks.workflows.credentials.sessiontoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.ACCOUNT;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.INSTANCE;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.ROLE;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.SESSION_KEY;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.awaitState;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.options;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.stolenSessionFinding;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowClient;
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
import org.irplaybooks.workflows.incident.EvidenceItem;
import org.irplaybooks.workflows.incident.FalsePositiveRequest;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.incident.IncidentState;
import org.irplaybooks.workflows.incident.Outcome;
import org.irplaybooks.workflows.incident.Phase;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.incident.TimelineEntry;
import org.irplaybooks.workflows.playbook.CustodyChain;
import org.irplaybooks.workflows.ports.CloudTrailActivities;
import org.irplaybooks.workflows.ports.CloudTrailActivities.ActivityLog;
import org.irplaybooks.workflows.ports.CloudTrailActivities.ApiEvent;
import org.irplaybooks.workflows.ports.Ec2InstanceActivities;
import org.irplaybooks.workflows.ports.Ec2InstanceActivities.MetadataOptions;
import org.irplaybooks.workflows.ports.EvidenceActivities;
import org.irplaybooks.workflows.ports.IamCredentialActivities;
import org.irplaybooks.workflows.ports.IamRoleActivities;
import org.irplaybooks.workflows.ports.IamRoleActivities.RoleState;
import org.irplaybooks.workflows.ports.NotificationActivities;
import org.irplaybooks.workflows.report.IncidentReport;
import org.irplaybooks.workflows.testing.PlaybookFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

class StolenSessionTokenWorkflowTest {
  static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/" + ROLE;
  static final String PROFILE_ARN = "arn:aws:iam::" + ACCOUNT + ":instance-profile/web-app";
  static final int MAX_SESSION_SECONDS = 7200;

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL = PlaybookFixtures.extension()
      .registerWorkflowImplementationTypes(StolenSessionTokenWorkflowImpl.class)
      .build();

  private IamRoleActivities roles;
  private IamCredentialActivities users;
  private Ec2InstanceActivities ec2;
  private CloudTrailActivities cloudTrail;
  private EvidenceActivities evidence;
  private NotificationActivities notifications;

  List<Object> activities() {
    return List.of(roles, users, ec2, cloudTrail, evidence, notifications);
  }

  @BeforeEach
  void mocks() {
    roles = mock(IamRoleActivities.class, withSettings().withoutAnnotations());
    users = mock(IamCredentialActivities.class, withSettings().withoutAnnotations());
    ec2 = mock(Ec2InstanceActivities.class, withSettings().withoutAnnotations());
    cloudTrail = mock(CloudTrailActivities.class, withSettings().withoutAnnotations());
    evidence = PlaybookFixtures.evidenceMock();
    notifications = PlaybookFixtures.notificationMock();
    when(roles.describeRole(any())).thenReturn(new RoleState(ROLE, ROLE_ARN,
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
            + "\"Action\":\"sts:AssumeRole\"}]}",
        MAX_SESSION_SECONDS, List.of(), List.of("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),
        List.of(PROFILE_ARN), Map.of("app", "web")));
    when(ec2.describeMetadataOptions(any())).thenReturn(new MetadataOptions(INSTANCE, "optional", "enabled", 1, "disabled", "disabled"));
    when(ec2.setMetadataOptions(any())).thenReturn(new MetadataOptions(INSTANCE, "optional", "enabled", 1, "disabled", "disabled"));
    when(ec2.findInstancesByProfile(any())).thenReturn(List.of(INSTANCE));
    when(cloudTrail.lookupEvents(argThat(r -> r != null && "AccessKeyId".equals(r.attributeKey())))).thenReturn(
        new ActivityLog(List.of(
            new ApiEvent(Instant.parse("2026-11-20T09:56:00Z"), "GetCallerIdentity", "sts.amazonaws.com",
                "198.51.100.77", "curl", null, "e1"),
            new ApiEvent(Instant.parse("2026-11-20T09:57:00Z"), "GetObject", "s3.amazonaws.com", "198.51.100.77",
                "aws-cli/2", null, "e2"),
            new ApiEvent(Instant.parse("2026-11-20T09:58:00Z"), "CreateAccessKey", "iam.amazonaws.com",
                "198.51.100.77", "aws-cli/2", "AccessDenied", "e3")),
            false, new EvidenceItem("cloudtrail/AccessKeyId-" + SESSION_KEY + ".json", "s3://evidence/ct.json",
                "ab".repeat(32), 10, "application/json", Instant.EPOCH)));
    when(cloudTrail.lookupEvents(argThat(r -> r != null && "ResourceName".equals(r.attributeKey())))).thenReturn(
        new ActivityLog(List.of(new ApiEvent(Instant.parse("2026-11-20T08:00:00Z"), "AssumeRole",
            "sts.amazonaws.com", "ec2.amazonaws.com", "ec2.amazonaws.com", null, "e0")), false, null));
  }

  private WorkflowClient start(TestWorkflowEnvironment env, Worker worker, IncidentRequest request) {
    worker.registerActivitiesImplementations(activities().toArray());
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    StolenSessionTokenWorkflow workflow =
        client.newWorkflowStub(StolenSessionTokenWorkflow.class, options(request, worker.getTaskQueue()));
    WorkflowClient.start(workflow::run, request);
    return client;
  }

  static IncidentRequest request(String instanceId) {
    return PlaybookFixtures.request(stolenSessionFinding(Severity.HIGH, instanceId),
        PlaybookCatalog.STOLEN_SESSION_TOKEN.name());
  }

  private static String workflowId(IncidentRequest r) {
    return "incident-" + r.caseId();
  }

  private static StolenSessionTokenWorkflow incident(WorkflowClient client, IncidentRequest r) {
    return client.newWorkflowStub(StolenSessionTokenWorkflow.class, workflowId(r));
  }

  private static IncidentReport result(WorkflowClient client, IncidentRequest r) {
    return client.newUntypedWorkflowStub(workflowId(r)).getResult(IncidentReport.class);
  }

  private static ActionRecord action(IncidentState state, String namePrefix) {
    return state.actions().stream().filter(a -> a.name().startsWith(namePrefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no action " + namePrefix + " in " + state.actions()));
  }

  private static Instant decidedAt(IncidentState state) {
    return state.decisions().get(state.decisions().size() - 1).at();
  }

  @Test
  void containment_revokesRoleSessions_andRequiresImdsV2_onTheNamedInstance(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = request(INSTANCE);
    WorkflowClient client = start(env, worker, request);

    IncidentState waiting = awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    assertThat(waiting.actions()).filteredOn(a -> a.phase() == Phase.CONTAINMENT)
        .extracting(ActionRecord::status).containsOnly(ActionStatus.SUCCEEDED);
    assertThat(action(waiting, "Require IMDSv2").resource()).isEqualTo("instance/" + INSTANCE);
    assertThat(waiting.techniques()).extracting(t -> t.id()).contains("T1552.005", "T1550.001", "T1530");
    assertThat(waiting.timeline()).anyMatch(t -> t.what().startsWith("CreateAccessKey") && t.suspicious());

    InOrder order = inOrder(roles, ec2, cloudTrail);
    order.verify(roles).describeRole(argThat(r -> r.roleName().equals(ROLE)));
    order.verify(roles).putRolePolicy(argThat(r -> r.roleName().equals(ROLE)
        && r.policyName().equals("ir-playbooks-revoke-sessions-" + request.caseId())
        && r.policyDocument().contains("aws:TokenIssueTime") && r.policyDocument().contains("2026-11-20T10:00")));
    order.verify(roles).tagRole(argThat(r -> "contained".equals(r.tags().get("ir-playbooks:status"))));
    order.verify(ec2).describeMetadataOptions(argThat(r -> r.instanceId().equals(INSTANCE)));
    order.verify(ec2).setMetadataOptions(argThat(r -> r.options().httpTokens().equals("required")
        && r.options().httpEndpoint().equals("enabled") && r.options().httpPutResponseHopLimit() == 1));
    order.verify(cloudTrail).lookupEvents(argThat(r -> r.attributeKey().equals("AccessKeyId")
        && r.attributeValue().equals(SESSION_KEY)));
    order.verify(cloudTrail).lookupEvents(argThat(r -> r.attributeKey().equals("ResourceName")
        && r.attributeValue().equals(ROLE_ARN)));
    verify(ec2, never()).findInstancesByProfile(any());
    verify(evidence).storeEvidence(argThat(r -> r.name().equals("pre-containment/role-" + ROLE + ".json")
        && r.content().contains("ec2.amazonaws.com")));
    verify(evidence).storeEvidence(argThat(r -> r.name().equals("pre-containment/metadata-options-" + INSTANCE + ".json")));
    verify(evidence).storeEvidence(argThat(r -> r.name().equals("investigation/stolen-key-activity.json")
        && r.content().contains("T1098.001")));
    verify(evidence).storeEvidence(argThat(r -> r.name().equals("investigation/role-sessions.json")));
    // A role is never denied outright: the workloads using it must keep working.
    verify(users, never()).putUserPolicy(any());
  }

  @Test
  void recovery_keepsTheRevocation_untilTheLongestRoleSessionHasExpired(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = request(INSTANCE);
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    incident(client, request).approve(new ApprovalRequest("alice@example.com", "instance patched", false));

    IncidentReport report = result(client, request); // time skips through the hold
    IncidentState end = report.incident();
    assertThat(end.outcome()).isEqualTo(Outcome.RECOVERED);
    ActionRecord lifted = action(end, "Remove session revocation policy");
    assertThat(lifted.status()).isEqualTo(ActionStatus.SUCCEEDED);
    ActionRecord revoked = action(end, "Revoke role sessions");
    assertThat(lifted.startedAt()).isAfterOrEqualTo(revoked.startedAt().plusSeconds(MAX_SESSION_SECONDS));
    assertThat(lifted.startedAt()).isBefore(revoked.startedAt().plusSeconds(MAX_SESSION_SECONDS + 60));
    assertThat(action(end, "Restore instance metadata options").status()).isEqualTo(ActionStatus.SKIPPED);
    assertThat(end.timeline()).extracting(TimelineEntry::what).anyMatch(w -> w.startsWith("Session revocation kept until"));
    assertThat(CustodyChain.verify(end.custody())).isTrue();

    InOrder order = inOrder(roles);
    order.verify(roles).putRolePolicy(any());
    order.verify(roles).deleteRolePolicy(argThat(r -> r.policyName().equals("ir-playbooks-revoke-sessions-" + request.caseId())));
    order.verify(roles).tagRole(argThat(r -> "recovered".equals(r.tags().get("ir-playbooks:status"))));
    // IMDSv2 stays required after recovery: only the rollback of a false positive restores it.
    verify(ec2).setMetadataOptions(any());
  }

  @Test
  void approverMayLiftTheRevocationAtApproval(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = request(INSTANCE);
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    incident(client, request).approve(new ApprovalRequest("alice@example.com", "all sessions rotated", false, true));

    IncidentState end = result(client, request).incident();
    assertThat(end.outcome()).isEqualTo(Outcome.RECOVERED);
    assertThat(Duration.between(decidedAt(end), end.closedAt())).isLessThan(Duration.ofMinutes(1));
    assertThat(end.timeline()).extracting(TimelineEntry::what).contains("Session revocation lifted at approval");
    verify(roles).deleteRolePolicy(any());
  }

  @Test
  void liftSignal_endsTheHoldEarly(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = request(INSTANCE);
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    StolenSessionTokenWorkflow incident = incident(client, request);
    incident.approve(new ApprovalRequest("alice@example.com", "ok", false));
    awaitState(client, workflowId(request),
        s -> s.timeline().stream().anyMatch(t -> t.what().startsWith("Session revocation kept until")));
    verify(roles, never()).deleteRolePolicy(any());

    incident.liftSessionRevocation(new LiftRevocationRequest("bob@example.com", "workload broke"));
    IncidentState end = result(client, request).incident();
    assertThat(end.timeline()).anyMatch(t -> t.what().equals("Session revocation lifted early: workload broke")
        && t.actor().equals("bob@example.com"));
    assertThat(Duration.between(decidedAt(end), end.closedAt())).isLessThan(Duration.ofMinutes(1));
    verify(roles).deleteRolePolicy(any());
  }

  @Test
  void liftSignal_outsideTheHold_isIgnoredAndRecorded(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = request(INSTANCE);
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    incident(client, request).liftSessionRevocation(new LiftRevocationRequest("bob@example.com", "too early"));

    IncidentState after = awaitState(client, workflowId(request), s -> s.timeline().stream()
        .anyMatch(t -> t.what().startsWith("Lift of the session revocation ignored")));
    assertThat(after.awaiting()).isEqualTo(Phase.AWAITING_RECOVERY_APPROVAL);
    verify(roles, never()).deleteRolePolicy(any());
  }

  @Test
  void falsePositive_restoresMetadataOptions_andRemovesRevocation_newestFirst(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = request(INSTANCE);
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    incident(client, request).markFalsePositive(new FalsePositiveRequest("carol@example.com", "pentest"));

    IncidentState end = result(client, request).incident();
    assertThat(end.outcome()).isEqualTo(Outcome.FALSE_POSITIVE);
    assertThat(end.actions()).filteredOn(a -> a.phase() == Phase.CONTAINMENT && a.undo() != null)
        .extracting(ActionRecord::status).containsOnly(ActionStatus.COMPENSATED);
    InOrder order = inOrder(roles, ec2);
    order.verify(ec2).setMetadataOptions(argThat(r -> r.options().httpTokens().equals("optional")
        && r.options().httpPutResponseHopLimit() == 1));
    order.verify(roles).untagRole(any());
    order.verify(roles).deleteRolePolicy(argThat(r -> r.policyName().startsWith("ir-playbooks-revoke-sessions-")));
  }

  @Test
  void withoutAnInstanceInTheFinding_findsItByTheRolesInstanceProfile(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = request(null);
    WorkflowClient client = start(env, worker, request);

    IncidentState waiting = awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    assertThat(action(waiting, "Find instances using the role's instance profiles").status())
        .isEqualTo(ActionStatus.SUCCEEDED);
    verify(ec2).findInstancesByProfile(argThat(r -> r.instanceProfileArns().equals(List.of(PROFILE_ARN))));
    verify(ec2).setMetadataOptions(argThat(r -> r.options().instanceId().equals(INSTANCE)));
  }

  @Test
  void instanceAlreadyOnImdsV2_isLeftAlone(TestWorkflowEnvironment env, Worker worker) {
    when(ec2.describeMetadataOptions(any())).thenReturn(new MetadataOptions(INSTANCE, "required", "enabled", 2, "disabled", "disabled"));
    IncidentRequest request = request(INSTANCE);
    WorkflowClient client = start(env, worker, request);

    IncidentState waiting = awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    assertThat(action(waiting, "Require IMDSv2").status()).isEqualTo(ActionStatus.SKIPPED);
    verify(ec2, never()).setMetadataOptions(any());
  }
}
