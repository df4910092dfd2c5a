package org.irplaybooks.workflows.credentials.sessiontoken;

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
 * Records the history the replay test replays: containment, investigation, approval, the durable
 * hold of the session revocation (a timer), its removal. Run it only when the playbook changed on
 * purpose: {@code mvn -pl workflows test -Dtest=StolenSessionTokenHistoryRecorder -Dir.recordHistories=true}.
 */
@EnabledIfSystemProperty(named = "ir.recordHistories", matches = "true")
class StolenSessionTokenHistoryRecorder {
  static final String CASE_ID = StolenSessionTokenWorkflowTest.request(PlaybookFixtures.INSTANCE).caseId();

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL = PlaybookFixtures.extension()
      .registerWorkflowImplementationTypes(StolenSessionTokenWorkflowImpl.class)
      .build();

  @Test
  void recordRecoveredHistory(TestWorkflowEnvironment env, Worker worker) throws Exception {
    StolenSessionTokenWorkflowTest fixtures = new StolenSessionTokenWorkflowTest();
    fixtures.mocks();
    worker.registerActivitiesImplementations(fixtures.activities().toArray());
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    IncidentRequest request = StolenSessionTokenWorkflowTest.request(PlaybookFixtures.INSTANCE);
    StolenSessionTokenWorkflow workflow =
        client.newWorkflowStub(StolenSessionTokenWorkflow.class, options(request, worker.getTaskQueue()));
    WorkflowClient.start(workflow::run, request);
    String workflowId = "incident-" + request.caseId();
    PlaybookFixtures.awaitState(client, workflowId, s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    client.newWorkflowStub(StolenSessionTokenWorkflow.class, workflowId)
        .approve(new ApprovalRequest("alice@example.com", "recorded for replay", false));
    client.newUntypedWorkflowStub(workflowId).getResult(IncidentReport.class);
    Path out = Path.of("src/test/resources" + StolenSessionTokenReplayTest.HISTORY);
    Files.createDirectories(out.getParent());
    Files.writeString(out, client.fetchHistory(workflowId).toJson(true));
  }
}
