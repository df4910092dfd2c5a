package org.irplaybooks.workflows.credentials.sessiontoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.irplaybooks.workflows.incident.ApprovalRequest;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.junit.jupiter.api.Test;

/**
 * Guards the playbook's determinism: the committed history (recorded by
 * {@link StolenSessionTokenHistoryRecorder}) must replay against today's code, and dropping the
 * durable hold of the revocation must be caught.
 */
class StolenSessionTokenReplayTest {
  static final String HISTORY = "/histories/stolen-session-token-recovered.json";
  static final String WORKFLOW_ID = "incident-" + StolenSessionTokenHistoryRecorder.CASE_ID;

  static WorkflowExecutionHistory history() throws IOException {
    try (InputStream in = StolenSessionTokenReplayTest.class.getResourceAsStream(HISTORY)) {
      assertThat(in).as("committed history " + HISTORY).isNotNull();
      return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), WORKFLOW_ID);
    }
  }

  @Test
  void committedHistory_replaysAgainstCurrentCode() throws Exception {
    WorkflowExecutionHistory history = history();
    assertThat(history.getEvents()).anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_FIRED);
    WorkflowReplayer.replayWorkflowExecution(history, StolenSessionTokenWorkflowImpl.class);
  }

  @Test
  void recoveryWithoutTheHold_failsReplay() throws Exception {
    WorkflowExecutionHistory history = history();
    assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history, NoHoldVariant.class))
        .hasMessageContaining(NonDeterministicException.class.getSimpleName());
  }

  /** An incompatible change: recovery removes the revocation at once, without the timer. */
  public static class NoHoldVariant extends StolenSessionTokenWorkflowImpl {
    @WorkflowInit
    public NoHoldVariant(IncidentRequest request) {
      super(request);
    }

    @Override
    protected void recover(ApprovalRequest approvedBy) {
      super.recover(new ApprovalRequest(approvedBy.approver(), approvedBy.comment(), false, true));
    }
  }
}
