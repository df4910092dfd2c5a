package org.irplaybooks.starter.devstack;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.irplaybooks.activities.emulator.LoopbackPorts;
import org.irplaybooks.workflows.playbook.IncidentSearchAttributes;

/**
 * The fallback when the Temporal CLI cannot be had: the Temporal Java test server, in this JVM,
 * served over gRPC on 127.0.0.1 only. ({@code TestServer.createPortBoundServer} binds every
 * interface, so the server is assembled here from {@link TestServicesStarter} and bound to the
 * loopback address explicitly.) Time runs in real time (time skipping locked).
 *
 * <p>It is not a Temporal server: see {@link #LIMITATIONS}.
 */
public final class JavaTestServerFallback implements LocalTemporal {

  public static final List<String> LIMITATIONS = List.of(
      "no Web UI",
      "no visibility listing: ListWorkflowExecutions, CountWorkflowExecutions and schedules are UNIMPLEMENTED"
          + " (search attributes are accepted on workflows but cannot be queried)",
      "in memory only: stopping it (or irctl) loses every incident",
      "after a worker is killed with kill -9, workflow tasks may never be re-dispatched (workflows hang)");

  private final int port;
  private TestServicesStarter services;
  private Server server;

  public JavaTestServerFallback(int port) {
    this.port = port == 0 ? LoopbackPorts.freePort() : port;
  }

  /** Says plainly that this is the fallback, why, and what it lacks. */
  public void announce(PrintStream out, String whyNoCli) {
    out.println("WARNING: the Temporal CLI is not available"
        + (whyNoCli != null ? " (" + whyNoCli + ")" : "")
        + "; FALLING BACK to the Temporal Java test server on " + target() + ". It lacks:");
    for (String limitation : LIMITATIONS) out.println("  - " + limitation);
    out.println("Install Go and run scripts/ensure-temporal-cli.sh (or set " + TemporalCli.ENV
        + ") to get the real dev server.");
  }

  @Override
  public synchronized void start() {
    if (isRunning()) return;
    TestServicesStarter starter = new TestServicesStarter(true, System.currentTimeMillis());
    ServerBuilder<?> builder = NettyServerBuilder.forAddress(
        new InetSocketAddress(LoopbackPorts.HOST, port), InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(starter.getServices(), builder);
    Server started;
    try {
      started = builder.build().start();
    } catch (IOException e) {
      starter.close();
      throw new UncheckedIOException("cannot bind the Temporal Java test server to " + target(), e);
    }
    services = starter;
    server = started;
    try {
      registerSearchAttributesAndCheck();
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  private void registerSearchAttributesAndCheck() {
    WorkflowServiceStubs workflow = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setChannel(workflow.getRawChannel()).validateAndBuildWithDefaults());
    try {
      workflow.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      Map<String, IndexedValueType> definitions = IncidentSearchAttributes.definitions();
      operator.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS).addSearchAttributes(
          AddSearchAttributesRequest.newBuilder().setNamespace("default").putAllSearchAttributes(definitions).build());
    } finally {
      operator.shutdownNow();
      workflow.shutdownNow();
    }
  }

  /** Stops the server; being in memory, every workflow is lost. */
  @Override
  public synchronized void stop() {
    if (server != null) {
      server.shutdownNow();
      try {
        server.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server = null;
    }
    if (services != null) {
      services.close();
      services = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null && !server.isShutdown();
  }

  /** The addresses the gRPC server actually listens on (only 127.0.0.1). */
  public synchronized List<? extends SocketAddress> listenAddresses() {
    return server == null ? List.of() : server.getListenSockets();
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String target() {
    return LoopbackPorts.HOST + ":" + port;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public Optional<String> webUiUrl() {
    return Optional.empty();
  }

  @Override
  public boolean isFallback() {
    return true;
  }

  @Override
  public List<String> limitations() {
    return LIMITATIONS;
  }

  @Override
  public String toString() {
    return "Temporal Java test server (fallback) " + target();
  }
}
