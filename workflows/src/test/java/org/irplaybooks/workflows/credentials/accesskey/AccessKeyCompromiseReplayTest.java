package org.irplaybooks.workflows.credentials.accesskey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.worker.NonDeterministicException;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.ports.IamCredentialActivities.TagUserRequest;
import org.junit.jupiter.api.Test;

/**
 * Guards the playbook's determinism: the committed history (recorded by
 * {@link AccessKeyHistoryRecorder}) must replay against today's code, and a change in the order of
 * containment steps must be caught.
 */
class AccessKeyCompromiseReplayTest {
  static final String HISTORY = "/histories/access-key-compromise-recovered.json";
  static final String WORKFLOW_ID = "incident-" + AccessKeyHistoryRecorder.CASE_ID;

  static WorkflowExecutionHistory history() throws IOException {
    try (InputStream in = AccessKeyCompromiseReplayTest.class.getResourceAsStream(HISTORY)) {
      assertThat(in).as("committed history " + HISTORY).isNotNull();
      return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), WORKFLOW_ID);
    }
  }

  @Test
  void committedHistory_replaysAgainstCurrentCode() throws Exception {
    WorkflowExecutionHistory history = history();
    assertThat(history.getEvents()).hasSizeGreaterThan(40);
    WorkflowReplayer.replayWorkflowExecution(history, AccessKeyCompromiseWorkflowImpl.class);
  }

  @Test
  void reorderedContainment_failsReplay() throws Exception {
    WorkflowExecutionHistory history = history();
    assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history, TagFirstVariant.class))
        // The replayer reports the engine's NonDeterministicException inside its message.
        .hasMessageContaining(NonDeterministicException.class.getSimpleName())
        .hasMessageContaining("TagUser");
  }

  /** An incompatible change: the user is tagged before anything else is captured. */
  public static class TagFirstVariant extends AccessKeyCompromiseWorkflowImpl {
    @WorkflowInit
    public TagFirstVariant(IncidentRequest request) {
      super(request);
    }

    @Override
    protected void contain() {
      io.temporal.workflow.Workflow.newActivityStub(
              org.irplaybooks.workflows.ports.IamCredentialActivities.class,
              org.irplaybooks.workflows.playbook.ActivityDefaults.AWS_CALL)
          .tagUser(new TagUserRequest(request.finding().accountId(), "x", Map.of("k", "v")));
      super.contain();
    }
  }
}
