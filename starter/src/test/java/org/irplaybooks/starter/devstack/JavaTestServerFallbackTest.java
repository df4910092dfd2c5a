package org.irplaybooks.starter.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.irplaybooks.starter.devstack.TemporalDevServerTest.Stubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Java test server fallback: loopback only, answers, says what it lacks. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class JavaTestServerFallbackTest {

  @Test
  void bindsOnlyLoopbackAndRunsWorkflows() throws Exception {
    try (JavaTestServerFallback server = new JavaTestServerFallback(0)) {
      server.start();
      assertThat(server.isRunning()).isTrue();
      assertThat(server.isFallback()).isTrue();
      assertThat(server.webUiUrl()).isEmpty();

      assertThat(server.listenAddresses()).isNotEmpty();
      for (SocketAddress address : server.listenAddresses()) {
        assertThat(((InetSocketAddress) address).getAddress().isLoopbackAddress())
            .as("bound address %s", address).isTrue();
      }
      assertThat(TemporalDevServerTest.canConnect(InetAddress.getByName("127.0.0.1"), server.port())).isTrue();
      for (InetAddress other : TemporalDevServerTest.nonLoopbackAddresses()) {
        assertThat(TemporalDevServerTest.canConnect(other, server.port())).as("reachable on %s", other).isFalse();
      }

      try (Stubs stubs = new Stubs(server.target())) {
        stubs.workflow.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        WorkflowClient.newInstance(stubs.workflow)
            .newUntypedWorkflowStub("DevstackProbe", WorkflowOptions.newBuilder()
                .setWorkflowId("fallback-probe").setTaskQueue("devstack-no-worker").build())
            .start();
        WorkflowExecutionStatus status = stubs.workflow.blockingStub()
            .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId("fallback-probe")).build())
            .getWorkflowExecutionInfo().getStatus();
        assertThat(status).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
      }
      server.stop();
      assertThat(server.isRunning()).isFalse();
      assertThat(TemporalDevServerTest.canConnect(InetAddress.getByName("127.0.0.1"), server.port())).isFalse();
    }
  }

  @Test
  void announcesItselfAsTheFallbackWithItsLimits() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    new JavaTestServerFallback(0).announce(new PrintStream(buffer, true, StandardCharsets.UTF_8), "Go is not installed");
    String text = buffer.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("FALLING BACK", "Go is not installed", "no Web UI", "visibility", "in memory");
  }
}
