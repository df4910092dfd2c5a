package org.irplaybooks.starter.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.irplaybooks.workflows.playbook.IncidentSearchAttributes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real Temporal dev server from the cached (or freshly built) Temporal CLI. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TemporalDevServerTest {
  private static Path cli;

  @BeforeAll
  static void locateCli() {
    try {
      cli = TemporalCli.locate(TemporalCli.findRepoRoot(Path.of("")));
    } catch (IllegalStateException e) {
      Assumptions.abort("the Temporal CLI can neither be found nor built here, so the real dev server cannot be"
          + " tested: " + e.getMessage());
    }
  }

  private static TemporalDevServer server(Path stateRoot) {
    return new TemporalDevServer(StateDir.at(stateRoot), TemporalDevServer.Config.ephemeral().withCli(cli));
  }

  @Test
  void startsOnLoopbackWithTheIncidentSearchAttributesAndTheWebUi(@TempDir Path stateRoot) throws Exception {
    try (TemporalDevServer server = new TemporalDevServer(StateDir.at(stateRoot),
        TemporalDevServer.Config.ephemeral().withCli(cli).withHeadless(false))) {
      server.start();
      String ui = server.webUiUrl().orElseThrow();
      assertThat(ui).startsWith("http://127.0.0.1:");
      HttpResponse<String> page = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(ui)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      int uiPort = URI.create(ui).getPort();
      for (InetAddress other : nonLoopbackAddresses()) {
        assertThat(canConnect(other, uiPort)).as("Web UI reachable on %s", other).isFalse();
      }
      assertThat(server.isRunning()).isTrue();
      assertThat(server.target()).startsWith("127.0.0.1:");
      assertThat(server.isFallback()).isFalse();

      try (Stubs stubs = new Stubs(server.target())) {
        Map<String, IndexedValueType> registered = stubs.operator.blockingStub()
            .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
            .getCustomAttributesMap();
        assertThat(registered).containsAllEntriesOf(IncidentSearchAttributes.definitions());
      }
      for (InetAddress other : nonLoopbackAddresses()) {
        assertThat(canConnect(other, server.port())).as("frontend reachable on %s", other).isFalse();
      }
      assertThat(server.log()).exists();
      assertThat(server.dbFile()).exists();
    }
  }

  @Test
  void keepsWorkflowsAcrossStopAndKill9(@TempDir Path stateRoot) throws Exception {
    String workflowId = "devstack-durability-" + UUID.randomUUID();
    try (TemporalDevServer server = server(stateRoot)) {
      server.start();
      try (Stubs stubs = new Stubs(server.target())) {
        WorkflowClient client = WorkflowClient.newInstance(stubs.workflow);
        client.newUntypedWorkflowStub("DevstackProbe", WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue("devstack-no-worker")
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                    .set(IncidentSearchAttributes.SEVERITY, "HIGH")
                    .set(IncidentSearchAttributes.CASE_ID, workflowId)
                    .build())
                .build())
            .start();
        assertThat(status(stubs, workflowId)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
      }

      // Graceful stop, start again on the same db: attributes re-registered, workflow still there.
      server.stop();
      assertThat(server.isRunning()).isFalse();
      server.start();
      try (Stubs stubs = new Stubs(server.target())) {
        assertThat(status(stubs, workflowId)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
      }

      // A crash (SIGKILL) then a start: still there, and findable by search attribute (real visibility).
      server.kill9();
      server.start();
      try (Stubs stubs = new Stubs(server.target())) {
        assertThat(status(stubs, workflowId)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        assertThat(listIds(stubs, "IrCaseId = '" + workflowId + "' AND IrSeverity = 'HIGH'")).containsExactly(workflowId);
      }
    }
  }

  /** Prints cold (new db) and warm (existing db) start times, median of three each. */
  @Test
  void measuresStartTimes(@TempDir Path stateRoot) {
    List<Duration> cold = new ArrayList<>();
    List<Duration> warm = new ArrayList<>();
    List<Duration> stops = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      try (TemporalDevServer server = server(stateRoot.resolve("run" + i))) {
        server.start();
        cold.add(server.lastStartDuration());
        long stopBegin = System.nanoTime();
        server.stop();
        stops.add(Duration.ofNanos(System.nanoTime() - stopBegin));
        server.start();
        warm.add(server.lastStartDuration());
      }
    }
    System.out.println("Temporal dev server start until ready: cold " + cold + " median " + median(cold)
        + "; warm " + warm + " median " + median(warm) + "; graceful stop " + stops + " median " + median(stops));
    assertThat(median(warm)).isLessThan(Duration.ofSeconds(30));
  }

  private static Duration median(List<Duration> values) {
    List<Duration> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static WorkflowExecutionStatus status(Stubs stubs, String workflowId) {
    return stubs.workflow.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace("default")
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
            .build())
        .getWorkflowExecutionInfo().getStatus();
  }

  private static List<String> listIds(Stubs stubs, String query) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    List<String> ids = List.of();
    while (System.nanoTime() < deadline) {
      ids = stubs.workflow.blockingStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
              .setNamespace("default").setQuery(query).build())
          .getExecutionsList().stream().map(e -> e.getExecution().getWorkflowId()).toList();
      if (!ids.isEmpty()) return ids;
      Thread.sleep(200);
    }
    return ids;
  }

  static List<InetAddress> nonLoopbackAddresses() throws Exception {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp()) continue;
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) addresses.add(address);
      }
    }
    return addresses;
  }

  static boolean canConnect(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 500);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** Workflow and operator stubs on one channel. */
  static final class Stubs implements AutoCloseable {
    final WorkflowServiceStubs workflow;
    final OperatorServiceStubs operator;

    Stubs(String target) {
      workflow = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
          .setTarget(target).setRpcTimeout(Duration.ofSeconds(10)).build());
      operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
          .setChannel(workflow.getRawChannel()).validateAndBuildWithDefaults());
    }

    @Override
    public void close() {
      operator.shutdownNow();
      workflow.shutdownNow();
      workflow.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
