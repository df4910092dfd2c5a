package org.irplaybooks.workflows.credentials.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.ACCOUNT;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.awaitState;
import static org.irplaybooks.workflows.testing.PlaybookFixtures.options;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
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
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.FindingSource;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.incident.IncidentState;
import org.irplaybooks.workflows.incident.Outcome;
import org.irplaybooks.workflows.incident.Phase;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.incident.Subject;
import org.irplaybooks.workflows.ports.AccountActivities;
import org.irplaybooks.workflows.ports.AccountActivities.AccountPosture;
import org.irplaybooks.workflows.ports.CloudTrailActivities;
import org.irplaybooks.workflows.ports.CloudTrailActivities.ActivityLog;
import org.irplaybooks.workflows.ports.CloudTrailActivities.ApiEvent;
import org.irplaybooks.workflows.ports.EvidenceActivities;
import org.irplaybooks.workflows.ports.NotificationActivities;
import org.irplaybooks.workflows.report.IncidentReport;
import org.irplaybooks.workflows.testing.PlaybookFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

class RootAccountUsageWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL = PlaybookFixtures.extension()
      .registerWorkflowImplementationTypes(RootAccountUsageWorkflowImpl.class)
      .build();

  private AccountActivities accounts;
  private CloudTrailActivities cloudTrail;
  private EvidenceActivities evidence;
  private NotificationActivities notifications;

  List<Object> activities() {
    return List.of(accounts, cloudTrail, evidence, notifications);
  }

  @BeforeEach
  void mocks() {
    accounts = mock(AccountActivities.class, withSettings().withoutAnnotations());
    cloudTrail = mock(CloudTrailActivities.class, withSettings().withoutAnnotations());
    evidence = PlaybookFixtures.evidenceMock();
    notifications = PlaybookFixtures.notificationMock();
    when(accounts.describeAccountPosture(any())).thenReturn(new AccountPosture(ACCOUNT, true, false,
        Map.of("AccountAccessKeysPresent", 1, "AccountMFAEnabled", 0, "Users", 7)));
    when(cloudTrail.lookupEvents(any())).thenReturn(new ActivityLog(List.of(
        new ApiEvent(Instant.parse("2026-11-20T09:50:00Z"), "ConsoleLogin", "signin.amazonaws.com", "203.0.113.50",
            "Mozilla", null, "r1"),
        new ApiEvent(Instant.parse("2026-11-20T09:52:00Z"), "ListUsers", "iam.amazonaws.com", "203.0.113.50",
            "Mozilla", null, "r2"),
        new ApiEvent(Instant.parse("2026-11-20T09:53:00Z"), "CreateAccessKey", "iam.amazonaws.com", "203.0.113.50",
            "Mozilla", null, "r3")), false, null));
  }

  /** GuardDuty rates root usage LOW; the playbook still acts as for CRITICAL. */
  static IncidentRequest request() {
    Finding f = new Finding(FindingSource.GUARDDUTY, "0ddba11c0ddba11c0ddba11c0ddba11c", "Policy:IAMUser/RootCredentialUsage",
        Severity.LOW, ACCOUNT, "us-east-1", "API ListUsers was invoked using root credentials.",
        PlaybookFixtures.FIRST_SEEN, PlaybookFixtures.FIRST_SEEN, 1,
        new Subject("Root", "arn:aws:iam::" + ACCOUNT + ":root", "root", null, "AccessKey", null), "203.0.113.50",
        List.of("ListUsers"));
    return PlaybookFixtures.request(f, PlaybookCatalog.ROOT_ACCOUNT.name());
  }

  private WorkflowClient start(TestWorkflowEnvironment env, Worker worker, IncidentRequest request) {
    worker.registerActivitiesImplementations(activities().toArray());
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    RootAccountUsageWorkflow workflow =
        client.newWorkflowStub(RootAccountUsageWorkflow.class, options(request, worker.getTaskQueue()));
    WorkflowClient.start(workflow::run, request);
    return client;
  }

  private static String workflowId(IncidentRequest r) {
    return "incident-" + r.caseId();
  }

  private static ActionRecord action(IncidentState state, String name) {
    return state.actions().stream().filter(a -> a.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no action " + name + " in " + state.actions()));
  }

  @Test
  void rootUsage_pagesAtOnce_asCritical_capturesPosture_andListsRootsChanges(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = request();
    WorkflowClient client = start(env, worker, request);

    IncidentState waiting = awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    InOrder order = inOrder(notifications, accounts);
    order.verify(notifications).notifyResponders(argThat(n -> n.event().equals("PAGE") && n.severity() == Severity.CRITICAL));
    order.verify(accounts).describeAccountPosture(argThat(a -> a.accountId().equals(ACCOUNT)));
    verify(cloudTrail).lookupEvents(argThat(r -> r.attributeKey().equals("Username") && r.attributeValue().equals("root")));
    verify(evidence).storeEvidence(argThat(r -> r.name().equals("pre-containment/account-summary.json")
        && r.content().contains("AccountAccessKeysPresent")));
    verify(evidence).storeEvidence(argThat(r -> r.name().equals("investigation/root-changes.json")
        && r.content().contains("CreateAccessKey") && !r.content().contains("ListUsers")));
    assertThat(waiting.timeline()).anyMatch(t -> t.what().equals("The root user has access keys") && t.suspicious())
        .anyMatch(t -> t.what().equals("The root user has no MFA"));
    assertThat(action(waiting, "Attach deny-all-except-break-glass SCP").status()).isEqualTo(ActionStatus.SKIPPED);
  }

  @Test
  void recovery_isAChecklistConfirmedItemByItem_andRecorded(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = request();
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    RootAccountUsageWorkflow incident = client.newWorkflowStub(RootAccountUsageWorkflow.class, workflowId(request));

    assertThatThrownBy(() -> incident.confirmChecklistItem(new ChecklistConfirmation("root-password-reset", "alice", null)))
        .isInstanceOf(WorkflowUpdateException.class);
    incident.approve(new ApprovalRequest("alice@example.com", "owner was travelling", false));
    awaitState(client, workflowId(request), s -> s.phase() == Phase.RECOVERY);
    assertThatThrownBy(() -> incident.confirmChecklistItem(new ChecklistConfirmation("reboot", "alice", null)))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("unknown checklist item");
    assertThat(incident.confirmChecklistItem(new ChecklistConfirmation("root-password-reset", "alice", "via console")))
        .containsExactly("root-mfa-enabled", "root-access-keys-deleted", "account-contacts-verified");
    incident.confirmChecklistItem(new ChecklistConfirmation("root-mfa-enabled", "alice", "YubiKey"));
    incident.confirmChecklistItem(new ChecklistConfirmation("root-access-keys-deleted", "bob", null));
    assertThat(incident.confirmChecklistItem(new ChecklistConfirmation("account-contacts-verified", "bob", null))).isEmpty();

    IncidentReport report = client.newUntypedWorkflowStub(workflowId(request)).getResult(IncidentReport.class);
    assertThat(report.incident().outcome()).isEqualTo(Outcome.RECOVERED);
    ActionRecord mfa = action(report.incident(), "Checklist: Root MFA enabled (hardware key preferred)");
    assertThat(mfa.status()).isEqualTo(ActionStatus.SUCCEEDED);
    assertThat(mfa.resource()).isEqualTo("confirmed by alice (YubiKey)");
    assertThat(action(report.incident(), "Checklist: Root access keys deleted").resource()).isEqualTo("confirmed by bob");
  }

  @Test
  void checklistLeftOpen_isReportedItemByItem_andEscalated(TestWorkflowEnvironment env, Worker worker) {
    IncidentRequest request = request();
    WorkflowClient client = start(env, worker, request);
    awaitState(client, workflowId(request), s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    RootAccountUsageWorkflow incident = client.newWorkflowStub(RootAccountUsageWorkflow.class, workflowId(request));
    incident.approve(new ApprovalRequest("alice@example.com", "go", false));
    awaitState(client, workflowId(request), s -> s.phase() == Phase.RECOVERY);
    incident.confirmChecklistItem(new ChecklistConfirmation("root-password-reset", "alice", null));

    IncidentReport report = client.newUntypedWorkflowStub(workflowId(request)).getResult(IncidentReport.class);
    assertThat(action(report.incident(), "Checklist: Root password reset").status()).isEqualTo(ActionStatus.SUCCEEDED);
    assertThat(action(report.incident(), "Checklist: Root MFA enabled (hardware key preferred)").status())
        .isEqualTo(ActionStatus.SKIPPED);
    assertThat(report.incident().notifications()).extracting(n -> n.event()).contains("ESCALATED");
    assertThat(report.nextSteps()).anyMatch(s -> s.contains("root-mfa-enabled"))
        .anyMatch(s -> s.contains("had access keys"));
  }
}
