package org.irplaybooks.workflows.credentials.crossaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.playbook.ActivityDefaults;
import org.irplaybooks.workflows.ports.IamRoleActivities;
import org.junit.jupiter.api.Test;

/**
 * The committed history (recorded by {@link CrossAccountHistoryRecorder}) must replay against
 * today's code; an extra call before the capture must be caught.
 */
class CrossAccountRoleAbuseReplayTest {
  static final String HISTORY = "/histories/cross-account-role-abuse-recovered.json";
  static final String WORKFLOW_ID = "incident-" + CrossAccountHistoryRecorder.CASE_ID;

  static WorkflowExecutionHistory history() throws IOException {
    try (InputStream in = CrossAccountRoleAbuseReplayTest.class.getResourceAsStream(HISTORY)) {
      assertThat(in).as("committed history " + HISTORY).isNotNull();
      return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), WORKFLOW_ID);
    }
  }

  @Test
  void committedHistory_replaysAgainstCurrentCode() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history(), CrossAccountRoleAbuseWorkflowImpl.class);
  }

  @Test
  void changedContainmentOrder_failsReplay() throws Exception {
    WorkflowExecutionHistory history = history();
    assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history, ExtraCallVariant.class))
        .hasMessageContaining(NonDeterministicException.class.getSimpleName());
  }

  /** An incompatible change: the role is read twice before containment. */
  public static class ExtraCallVariant extends CrossAccountRoleAbuseWorkflowImpl {
    @WorkflowInit
    public ExtraCallVariant(IncidentRequest request) {
      super(request);
    }

    @Override
    protected void contain() {
      Workflow.newActivityStub(IamRoleActivities.class, ActivityDefaults.AWS_CALL)
          .untagRole(new IamRoleActivities.UntagRoleRequest(request.finding().accountId(), "x", java.util.List.of("k")));
      super.contain();
    }
  }
}
