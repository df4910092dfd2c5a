package org.irplaybooks.workflows.credentials.accesskey;

import static org.irplaybooks.workflows.testing.PlaybookFixtures.options;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.irplaybooks.workflows.catalog.PlaybookCatalog;
import org.irplaybooks.workflows.incident.ApprovalRequest;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.incident.Phase;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.report.IncidentReport;
import org.irplaybooks.workflows.testing.PlaybookFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records the history the replay test replays. Run it only when the playbook changed on purpose
 * (with a {@code Workflow.getVersion} guard for running incidents):
 * {@code mvn -pl workflows test -Dtest=AccessKeyHistoryRecorder -Dir.recordHistories=true}.
 */
@EnabledIfSystemProperty(named = "ir.recordHistories", matches = "true")
class AccessKeyHistoryRecorder {
  static final String CASE_ID;

  static {
    CASE_ID = PlaybookFixtures.request(PlaybookFixtures.accessKeyFinding(Severity.HIGH), "x").caseId();
  }

  @RegisterExtension
  static final TestWorkflowExtension TEMPORAL = PlaybookFixtures.extension()
      .registerWorkflowImplementationTypes(AccessKeyCompromiseWorkflowImpl.class)
      .build();

  @Test
  void recordRecoveredHistory(TestWorkflowEnvironment env, Worker worker) throws Exception {
    AccessKeyCompromiseWorkflowTest fixtures = new AccessKeyCompromiseWorkflowTest();
    fixtures.mocks();
    worker.registerActivitiesImplementations(fixtures.iam(), fixtures.cloudTrail(), fixtures.evidence(),
        fixtures.notifications());
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    IncidentRequest request = PlaybookFixtures.request(PlaybookFixtures.accessKeyFinding(Severity.HIGH),
        PlaybookCatalog.ACCESS_KEY_COMPROMISE.name());
    AccessKeyCompromiseWorkflow workflow =
        client.newWorkflowStub(AccessKeyCompromiseWorkflow.class, options(request, worker.getTaskQueue()));
    WorkflowClient.start(workflow::run, request);
    String workflowId = "incident-" + request.caseId();
    PlaybookFixtures.awaitState(client, workflowId, s -> s.awaiting() == Phase.AWAITING_RECOVERY_APPROVAL);
    client.newWorkflowStub(AccessKeyCompromiseWorkflow.class, workflowId)
        .approve(new ApprovalRequest("alice@example.com", "recorded for replay", true));
    client.newUntypedWorkflowStub(workflowId).getResult(IncidentReport.class);
    String json = client.fetchHistory(workflowId).toJson(true);
    Path out = Path.of("src/test/resources" + AccessKeyCompromiseReplayTest.HISTORY);
    Files.createDirectories(out.getParent());
    Files.writeString(out, json);
  }
}
