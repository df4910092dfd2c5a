package org.irplaybooks.workflows.credentials.crossaccount;

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
 * Records the history the replay test replays: trust policy narrowed, sessions revoked,
 * investigation, approval, recovery. Run it only when the playbook changed on
 * purpose: {@code mvn -pl workflows test -Dtest=CrossAccountHistoryRecorder -Dir.recordHistories=true}.
 */
@EnabledIfSystemProperty(named = "ir.recordHistories", matches = "true")
class CrossAccountHistoryRecorder {
  static final String CASE_ID = CrossAccountRoleAbuseWorkflowTest.request().caseId();

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL = PlaybookFixtures.extension()
      .registerWorkflowImplementationTypes(CrossAccountRoleAbuseWorkflowImpl.class)
      .build();

  @Test
  void recordRecoveredHistory(TestWorkflowEnvironment env, Worker worker) throws Exception {
    CrossAccountRoleAbuseWorkflowTest fixtures = new CrossAccountRoleAbuseWorkflowTest();
    fixtures.mocks();
    worker.registerActivitiesImplementations(fixtures.activities().toArray());
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    IncidentRequest request = CrossAccountRoleAbuseWorkflowTest.request();
    CrossAccountRoleAbuseWorkflow workflow =
        client.newWorkflowStub(CrossAccountRoleAbuseWorkflow.class, options(request, worker.getTaskQueue()));
    WorkflowClient.start(workflow::run, request);
    String workflowId = "incident-" + request.caseId();
    PlaybookFixtures.awaitState(client, workflowId, s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    client.newWorkflowStub(CrossAccountRoleAbuseWorkflow.class, workflowId)
        .approve(new ApprovalRequest("alice@example.com", "recorded for replay", false));
    client.newUntypedWorkflowStub(workflowId).getResult(IncidentReport.class);
    Path out = Path.of("src/test/resources" + CrossAccountRoleAbuseReplayTest.HISTORY);
    Files.createDirectories(out.getParent());
    Files.writeString(out, client.fetchHistory(workflowId).toJson(true));
  }
}
