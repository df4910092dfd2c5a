package org.irplaybooks.workflows.credentials.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.junit.jupiter.api.Test;

/** The committed root history (see {@link RootHistoryRecorder}) replays; skipping the page fails replay. */
class RootAccountUsageReplayTest {
  static final String HISTORY = "/histories/root-account-usage-recovered.json";
  static final String WORKFLOW_ID = "incident-" + RootHistoryRecorder.CASE_ID;

  static WorkflowExecutionHistory history() throws IOException {
    try (InputStream in = RootAccountUsageReplayTest.class.getResourceAsStream(HISTORY)) {
      assertThat(in).as("committed history " + HISTORY).isNotNull();
      return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), WORKFLOW_ID);
    }
  }

  @Test
  void committedHistory_replaysAgainstCurrentCode() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history(), RootAccountUsageWorkflowImpl.class);
  }

  @Test
  void containmentWithoutThePage_failsReplay() throws Exception {
    WorkflowExecutionHistory history = history();
    assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history, NoPageVariant.class))
        .hasMessageContaining(NonDeterministicException.class.getSimpleName());
  }

  /** An incompatible change: no page before the posture capture. */
  public static class NoPageVariant extends RootAccountUsageWorkflowImpl {
    @WorkflowInit
    public NoPageVariant(IncidentRequest request) {
      super(request);
    }

    @Override
    protected void contain() {
      investigate();
    }
  }
}
