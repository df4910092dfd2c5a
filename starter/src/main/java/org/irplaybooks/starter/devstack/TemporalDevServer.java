package org.irplaybooks.starter.devstack;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.irplaybooks.activities.emulator.LoopbackPorts;
import org.irplaybooks.workflows.playbook.IncidentSearchAttributes;

/**
 * The real Temporal server in development mode ({@code temporal server start-dev} from the
 * Temporal CLI) on 127.0.0.1, persisting to a SQLite file in the state directory: workflows survive
 * a {@link #stop()} or a {@link #kill9()} followed by {@link #start()}. Registers the incident
 * search attributes on every start (re-registering the same ones on an existing db is accepted).
 */
public final class TemporalDevServer implements LocalTemporal {

  /**
   * Ports (0 = a free one, picked once so that a restart keeps them), the namespace, the CLI
   * (null = {@link TemporalCli#locate}), the repository root for finding the build script (null =
   * walk up from the working directory), the readiness timeout.
   */
  public record Config(
      int port, int uiPort, int httpPort, int metricsPort, boolean headless, String namespace,
      Duration startTimeout, Path cli, Path repoRoot) {

    /** {@code irctl dev}: the well-known ports 7233 (gRPC) and 8233 (Web UI). */
    public static Config defaults() {
      return new Config(7233, 8233, 0, 0, false, "default", Duration.ofSeconds(60), null, null);
    }

    /** Tests: free ports everywhere, no Web UI. */
    public static Config ephemeral() {
      return new Config(0, 0, 0, 0, true, "default", Duration.ofSeconds(60), null, null);
    }

    public Config withCli(Path cli) {
      return new Config(port, uiPort, httpPort, metricsPort, headless, namespace, startTimeout, cli, repoRoot);
    }

    public Config withRepoRoot(Path repoRoot) {
      return new Config(port, uiPort, httpPort, metricsPort, headless, namespace, startTimeout, cli, repoRoot);
    }

    public Config withPorts(int port, int uiPort) {
      return new Config(port, uiPort, httpPort, metricsPort, headless, namespace, startTimeout, cli, repoRoot);
    }

    public Config withHeadless(boolean headless) {
      return new Config(port, uiPort, httpPort, metricsPort, headless, namespace, startTimeout, cli, repoRoot);
    }
  }

  private final StateDir state;
  private final Path cli;
  private final int port;
  private final int uiPort;
  private final int httpPort;
  private final int metricsPort;
  private final boolean headless;
  private final String namespace;
  private final Duration startTimeout;
  private ChildProcess process;
  private Duration lastStartDuration;

  public TemporalDevServer(StateDir state, Config config) {
    this.state = state;
    this.cli = config.cli() != null ? config.cli() : TemporalCli.locate(config.repoRoot());
    this.port = portOrFree(config.port());
    this.uiPort = portOrFree(config.uiPort());
    this.httpPort = portOrFree(config.httpPort());
    this.metricsPort = portOrFree(config.metricsPort());
    this.headless = config.headless();
    this.namespace = config.namespace();
    this.startTimeout = config.startTimeout();
  }

  private static int portOrFree(int port) {
    return port == 0 ? LoopbackPorts.freePort() : port;
  }

  /** The command line; one {@code --search-attribute} per incident search attribute. */
  List<String> command() {
    List<String> command = new ArrayList<>(List.of(
        cli.toString(), "server", "start-dev",
        "--ip", LoopbackPorts.HOST,
        "--port", String.valueOf(port),
        "--http-port", String.valueOf(httpPort),
        "--metrics-port", String.valueOf(metricsPort),
        "--db-filename", state.temporalDb().toString(),
        "--namespace", namespace,
        "--log-level", "warn",
        // The worker asks for activity tasks eagerly (the SDK's default): the server then hands the
        // next activity back in the answer to the workflow task that scheduled it, saving a round
        // trip through matching per step. Off by default in the server; measured by irctl bench.
        "--dynamic-config-value", "system.enableActivityEagerExecution=true"));
    if (headless) {
      command.add("--headless");
    } else {
      command.addAll(List.of("--ui-ip", LoopbackPorts.HOST, "--ui-port", String.valueOf(uiPort)));
    }
    for (Map.Entry<String, IndexedValueType> attribute : IncidentSearchAttributes.definitions().entrySet()) {
      command.add("--search-attribute");
      command.add(attribute.getKey() + "=" + cliTypeName(attribute.getValue()));
    }
    return command;
  }

  /** The type names {@code --search-attribute NAME=TYPE} accepts. */
  static String cliTypeName(IndexedValueType type) {
    switch (type) {
      case INDEXED_VALUE_TYPE_KEYWORD: return "Keyword";
      case INDEXED_VALUE_TYPE_TEXT: return "Text";
      case INDEXED_VALUE_TYPE_INT: return "Int";
      case INDEXED_VALUE_TYPE_DOUBLE: return "Double";
      case INDEXED_VALUE_TYPE_BOOL: return "Bool";
      case INDEXED_VALUE_TYPE_DATETIME: return "Datetime";
      case INDEXED_VALUE_TYPE_KEYWORD_LIST: return "KeywordList";
      default: throw new IllegalArgumentException("no Temporal CLI name for search attribute type " + type);
    }
  }

  @Override
  public synchronized void start() {
    if (isRunning()) return;
    if (LoopbackPorts.isOpen(port)) {
      throw new IllegalStateException("something already listens on " + target()
          + " (another Temporal server?); stop it or choose another port");
    }
    long begin = System.nanoTime();
    process = ChildProcess.start("temporal", command(), state.log("temporal"));
    try {
      awaitReady();
    } catch (RuntimeException e) {
      process.close();
      process = null;
      throw e;
    }
    lastStartDuration = Duration.ofNanos(System.nanoTime() - begin);
  }

  /**
   * Ready = the frontend answers {@code GetSystemInfo}, the namespace exists and every incident
   * search attribute is registered (so a workflow upserting them cannot race the registration).
   */
  private void awaitReady() {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    WorkflowServiceStubs workflow = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setChannel(workflow.getRawChannel()).validateAndBuildWithDefaults());
    try {
      RuntimeException last = null;
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("temporal server start-dev exited with code " + process.exitValue()
              + " before it was ready; log " + process.log() + ":\n" + process.logTail(20));
        }
        if (LoopbackPorts.isOpen(port)) {
          try {
            workflow.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
                .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            workflow.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
                .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
            Map<String, IndexedValueType> registered = operator.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
                .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
                .getCustomAttributesMap();
            if (registered.keySet().containsAll(IncidentSearchAttributes.definitions().keySet())) return;
            last = new IllegalStateException("search attributes not registered yet: " + registered.keySet());
          } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) throw e;
            last = e;
          }
        }
        sleep(100);
      }
      throw new IllegalStateException("Temporal dev server not ready on " + target() + " within " + startTimeout
          + (last != null ? " (last: " + last.getMessage() + ")" : "") + "; log " + process.log() + ":\n"
          + process.logTail(20));
    } finally {
      operator.shutdownNow();
      workflow.shutdownNow();
      workflow.awaitTermination(2, TimeUnit.SECONDS);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Temporal dev server", e);
    }
  }

  /** Stops the server gracefully (SIGTERM, then SIGKILL after a grace period); the db file stays. */
  @Override
  public synchronized void stop() {
    if (process != null) {
      process.close();
      process = null;
    }
  }

  /** Kills the server with SIGKILL, as a crash would; the db file stays. For durability tests. */
  public synchronized void kill9() {
    if (process != null) {
      process.kill9();
      process = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
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
    return headless ? Optional.empty() : Optional.of("http://" + LoopbackPorts.HOST + ":" + uiPort);
  }

  public String namespace() {
    return namespace;
  }

  public Path cli() {
    return cli;
  }

  public Path log() {
    return state.log("temporal");
  }

  public Path dbFile() {
    return state.temporalDb();
  }

  /** How long the last {@link #start()} took until ready, or null before the first. */
  public Duration lastStartDuration() {
    return lastStartDuration;
  }

  @Override
  public boolean isFallback() {
    return false;
  }

  @Override
  public List<String> limitations() {
    return List.of();
  }

  @Override
  public String toString() {
    return "Temporal dev server " + target() + webUiUrl().map(u -> ", Web UI " + u).orElse("")
        + ", db " + dbFile();
  }
}
