package org.irplaybooks.workflows.credentials.root;

import static org.irplaybooks.workflows.testing.PlaybookFixtures.options;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.irplaybooks.workflows.incident.ApprovalRequest;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.incident.Phase;
import org.irplaybooks.workflows.report.IncidentReport;
import org.irplaybooks.workflows.testing.PlaybookFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records the history the replay test replays: page, posture, root's activity, approval, the
 * checklist confirmed item by item. Run it only when the playbook changed on
 * purpose: {@code mvn -pl workflows test -Dtest=RootHistoryRecorder -Dir.recordHistories=true}.
 */
@EnabledIfSystemProperty(named = "ir.recordHistories", matches = "true")
class RootHistoryRecorder {
  static final String CASE_ID = RootAccountUsageWorkflowTest.request().caseId();

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL = PlaybookFixtures.extension()
      .registerWorkflowImplementationTypes(RootAccountUsageWorkflowImpl.class)
      .build();

  @Test
  void recordRecoveredHistory(TestWorkflowEnvironment env, Worker worker) throws Exception {
    RootAccountUsageWorkflowTest fixtures = new RootAccountUsageWorkflowTest();
    fixtures.mocks();
    worker.registerActivitiesImplementations(fixtures.activities().toArray());
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    IncidentRequest request = RootAccountUsageWorkflowTest.request();
    RootAccountUsageWorkflow workflow =
        client.newWorkflowStub(RootAccountUsageWorkflow.class, options(request, worker.getTaskQueue()));
    WorkflowClient.start(workflow::run, request);
    String workflowId = "incident-" + request.caseId();
    PlaybookFixtures.awaitState(client, workflowId, s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    client.newWorkflowStub(RootAccountUsageWorkflow.class, workflowId)
        .approve(new ApprovalRequest("alice@example.com", "recorded for replay", false));
    PlaybookFixtures.awaitState(client, workflowId, s -> s.phase() == Phase.RECOVERY);
    RootAccountUsageWorkflow incident = client.newWorkflowStub(RootAccountUsageWorkflow.class, workflowId);
    for (String item : java.util.List.of("root-password-reset", "root-mfa-enabled", "root-access-keys-deleted",
        "account-contacts-verified")) {
      incident.confirmChecklistItem(new ChecklistConfirmation(item, "alice@example.com", null));
    }
    client.newUntypedWorkflowStub(workflowId).getResult(IncidentReport.class);
    Path out = Path.of("src/test/resources" + RootAccountUsageReplayTest.HISTORY);
    Files.createDirectories(out.getParent());
    Files.writeString(out, client.fetchHistory(workflowId).toJson(true));
  }
}
