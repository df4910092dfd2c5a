package org.irplaybooks.workflows.credentials.crossaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.ACCOUNT;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.FOREIGN_ACCOUNT;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.FOREIGN_SESSION_KEY;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.PARTNER_ACCOUNT;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.PARTNER_ROLE;
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

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.irplaybooks.workflows.catalog.PlaybookCatalog;
import org.irplaybooks.workflows.incident.ActionRecord;
import org.irplaybooks.workflows.incident.ActionStatus;
import org.irplaybooks.workflows.incident.ApprovalRequest;
import org.irplaybooks.workflows.incident.FalsePositiveRequest;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.incident.IncidentState;
import org.irplaybooks.workflows.incident.Outcome;
import org.irplaybooks.workflows.incident.Phase;
import org.irplaybooks.workflows.ports.CloudTrailActivities;
import org.irplaybooks.workflows.ports.CloudTrailActivities.ActivityLog;
import org.irplaybooks.workflows.ports.CloudTrailActivities.ApiEvent;
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

class CrossAccountRoleAbuseWorkflowTest {
  static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/" + PARTNER_ROLE;
  static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
      + "[\"arn:aws:iam::" + PARTNER_ACCOUNT + ":root\",\"arn:aws:iam::" + FOREIGN_ACCOUNT + ":root\"]},"
      + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"reporting-7\"}}}]}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL = PlaybookFixtures.extension()
      .registerWorkflowImplementationTypes(CrossAccountRoleAbuseWorkflowImpl.class)
      .build();

  private IamRoleActivities roles;
  private IamCredentialActivities users;
  private CloudTrailActivities cloudTrail;
  private EvidenceActivities evidence;
  private NotificationActivities notifications;

  List<Object> activities() {
    return List.of(roles, users, cloudTrail, evidence, notifications);
  }

  @BeforeEach
  void mocks() {
    roles = mock(IamRoleActivities.class, withSettings().withoutAnnotations());
    users = mock(IamCredentialActivities.class, withSettings().withoutAnnotations());
    cloudTrail = mock(CloudTrailActivities.class, withSettings().withoutAnnotations());
    evidence = PlaybookFixtures.evidenceMock();
    notifications = PlaybookFixtures.notificationMock();
    when(roles.describeRole(any())).thenReturn(new RoleState(PARTNER_ROLE, ROLE_ARN, TRUST, 3600, List.of(),
        List.of(), List.of(), Map.of()));
    when(roles.updateTrustPolicy(any())).thenReturn(TRUST);
    when(cloudTrail.lookupEvents(argThat(r -> r != null && "AccessKeyId".equals(r.attributeKey())))).thenReturn(
        new ActivityLog(List.of(
            new ApiEvent(Instant.parse("2026-11-20T09:56:00Z"), "ListBuckets", "s3.amazonaws.com", "203.0.113.9",
                "aws-cli/2", null, "e1"),
            new ApiEvent(Instant.parse("2026-11-20T09:57:00Z"), "AssumeRole", "sts.amazonaws.com", "203.0.113.9",
                "aws-cli/2", null, "e2")), false, null));
    when(cloudTrail.lookupEvents(argThat(r -> r != null && "ResourceName".equals(r.attributeKey()))))
        .thenReturn(new ActivityLog(List.of(), false, null));
  }

  private WorkflowClient start(TestWorkflowEnvironment env, Worker worker, IncidentRequest request) {
    worker.registerActivitiesImplementations(activities().toArray());
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    CrossAccountRoleAbuseWorkflow workflow =
        client.newWorkflowStub(CrossAccountRoleAbuseWorkflow.class, options(request, worker.getTaskQueue()));
    WorkflowClient.start(workflow::run, request);
    return client;
  }

  static IncidentRequest request() {
    return PlaybookFixtures.request(PlaybookFixtures.assumeRoleFinding(), PlaybookCatalog.CROSS_ACCOUNT_ROLE_ABUSE.name());
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
  void containment_savesTrustPolicy_removesTheForeignAccount_andRevokesSessions(TestWorkflowEnvironment env,
      Worker worker) throws Exception {
    IncidentRequest request = request();
    WorkflowClient client = start(env, worker, request);

    IncidentState waiting = awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    assertThat(waiting.actions()).filteredOn(a -> a.phase() == Phase.CONTAINMENT)
        .extracting(ActionRecord::status).containsOnly(ActionStatus.SUCCEEDED);
    InOrder order = inOrder(roles);
    order.verify(roles).describeRole(argThat(r -> r.roleName().equals(PARTNER_ROLE)));
    order.verify(roles).updateTrustPolicy(argThat(r -> {
      try {
        var tree = JSON.readTree(r.trustPolicy());
        var statement = tree.path("Statement").path(0);
        return statement.path("Principal").path("AWS").asText().equals("arn:aws:iam::" + PARTNER_ACCOUNT + ":root")
            && statement.path("Condition").path("StringEquals").path("sts:ExternalId").asText().equals("reporting-7");
      } catch (Exception e) {
        return false;
      }
    }));
    order.verify(roles).putRolePolicy(argThat(r -> r.policyDocument().contains("aws:TokenIssueTime")));
    order.verify(roles).tagRole(any());
    verify(evidence).storeEvidence(argThat(r -> r.name().equals("pre-containment/trust-policy-" + PARTNER_ROLE + ".json")
        && r.content().equals(TRUST)));
    // The foreign session's further AssumeRole is reported as lateral movement.
    verify(evidence).storeEvidence(argThat(r -> r.name().equals("investigation/lateral-movement.json")
        && r.content().contains(FOREIGN_SESSION_KEY)));
    assertThat(waiting.timeline()).anyMatch(t -> t.what().startsWith("Lateral movement") && t.suspicious()
        && "T1078.004".equals(t.technique()));
    assertThat(waiting.techniques()).extracting(t -> t.id()).contains("T1078.004", "T1199", "T1098.003");
  }

  @Test
  void falsePositive_restoresTheSavedTrustPolicyExactly(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = request();
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    client.newWorkflowStub(CrossAccountRoleAbuseWorkflow.class, workflowId(request))
        .markFalsePositive(new FalsePositiveRequest("carol@example.com", "new partner"));

    IncidentState end = result(client, request).incident();
    assertThat(end.outcome()).isEqualTo(Outcome.FALSE_POSITIVE);
    InOrder order = inOrder(roles);
    order.verify(roles).untagRole(any());
    order.verify(roles).deleteRolePolicy(any());
    order.verify(roles).updateTrustPolicy(argThat(r -> r.trustPolicy().equals(TRUST)));
  }

  @Test
  void recovery_keepsTheAccountRemoved_andLiftsRevocationOnlyWhenAsked(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = request();
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    client.newWorkflowStub(CrossAccountRoleAbuseWorkflow.class, workflowId(request))
        .approve(new ApprovalRequest("alice@example.com", "partner confirmed it was not them", false));

    IncidentState end = result(client, request).incident();
    assertThat(end.outcome()).isEqualTo(Outcome.RECOVERED);
    assertThat(action(end, "Restore the trust policy").status()).isEqualTo(ActionStatus.SKIPPED);
    assertThat(action(end, "Remove session revocation policy").status()).isEqualTo(ActionStatus.SKIPPED);
    verify(roles, never()).deleteRolePolicy(any());
    verify(roles).updateTrustPolicy(any());
  }

  @Test
  void accountNotNamedInTheTrustPolicy_isSkipped_andSessionsStillRevoked(TestWorkflowEnvironment env, Worker worker) {
    when(roles.describeRole(any())).thenReturn(new RoleState(PARTNER_ROLE, ROLE_ARN,
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
            + "\"Action\":\"sts:AssumeRole\"}]}", 3600, List.of(), List.of(), List.of(), Map.of()));
    IncidentRequest request = request();
    WorkflowClient client = start(env, worker, request);

    IncidentState waiting = awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    assertThat(action(waiting, "Remove account").status()).isEqualTo(ActionStatus.SKIPPED);
    assertThat(action(waiting, "Remove account").undo()).contains("review by hand");
    verify(roles, never()).updateTrustPolicy(any());
    verify(roles).putRolePolicy(any());
  }
}
