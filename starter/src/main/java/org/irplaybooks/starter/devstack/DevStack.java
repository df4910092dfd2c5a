package org.irplaybooks.starter.devstack;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irplaybooks.activities.emulator.CloudTrailLookupServer;
import org.irplaybooks.activities.emulator.LoopbackPorts;
import org.irplaybooks.activities.emulator.MotoServer;

/**
 * The whole product on one machine, all on 127.0.0.1: a Temporal dev server (with its Web UI), the
 * AWS emulator seeded with a demo account, a CloudTrail LookupEvents stub (the emulator lacks it),
 * and the worker and the listener as separate processes, each run from its production YAML.
 */
public final class DevStack implements AutoCloseable {
  /**
   * @param temporalPort the Temporal frontend port, or null for a free one
   * @param listenerPort the listener's port, or null for a free one
   * @param awsEndpoint an AWS endpoint already running (nothing is seeded), or null to start moto
   */
  public record Options(Integer temporalPort, Integer listenerPort, URI awsEndpoint, Path stateDir) {}

  public static final String NAMESPACE = "default";

  private final Options options;
  private final StateDir state;
  private final List<AutoCloseable> started = new ArrayList<>();
  private LocalTemporal temporal;
  private MotoServer moto;
  private CloudTrailLookupServer cloudTrail;
  private DemoEnvironment.Seeded seeded;
  private URI awsEndpoint;
  private ChildProcess worker;
  private ChildProcess listener;
  private int listenerPort;
  private int listenerAdminPort;
  private int workerAdminPort;
  private String evidenceBucket;
  private String topicArn;
  private final String apiKey = randomKey();
  /** Analysts of the dev stack's console and API, one per role, with fresh tokens per run. */
  public static final String ADMIN = "admin@dev.local";
  public static final String APPROVER = "approver@dev.local";
  public static final String SECOND_APPROVER = "second-approver@dev.local";
  public static final String VIEWER = "viewer@dev.local";
  private final String adminToken = randomKey();
  private final String approverToken = randomKey();
  private final String secondApproverToken = randomKey();
  private final String viewerToken = randomKey();

  private DevStack(Options options) {
    this.options = options;
    this.state = options.stateDir() == null ? StateDir.defaultDir() : StateDir.at(options.stateDir());
  }

  /** Starts every part, in dependency order; on a failure, what was started is stopped again. */
  public static DevStack start(Options options, PrintStream progress) {
    DevStack stack = new DevStack(options);
    try {
      stack.startAll(progress);
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startAll(PrintStream progress) {
    progress.println("Starting Temporal ...");
    TemporalDevServer.Config config = TemporalDevServer.Config.defaults();
    if (options.temporalPort() != null) {
      config = config.withPorts(options.temporalPort(), options.temporalPort() + 1000);
    }
    temporal = LocalTemporal.startBest(state, config, progress);
    started.add(temporal);

    if (options.awsEndpoint() == null) {
      progress.println("Starting the AWS emulator (moto_server) ...");
      moto = MotoServer.start(state.logs().resolve("moto.log"));
      started.add(moto);
      awsEndpoint = moto.endpoint();
      seeded = DemoEnvironment.seed(awsEndpoint);
      evidenceBucket = seeded.bucket();
      topicArn = seeded.topicArn();
    } else {
      awsEndpoint = options.awsEndpoint();
      evidenceBucket = requiredEnv("IR_EVIDENCE_BUCKET");
      topicArn = System.getenv().getOrDefault("IR_NOTIFICATION_TOPIC_ARN", "");
    }
    cloudTrail = CloudTrailLookupServer.start();
    started.add(cloudTrail);

    workerAdminPort = LoopbackPorts.freePort();
    listenerPort = options.listenerPort() != null ? options.listenerPort() : LoopbackPorts.freePort();
    listenerAdminPort = LoopbackPorts.freePort();
    progress.println("Starting the worker and the listener ...");
    startWorker();
    startListener();
  }

  /** Starts (or starts again, after {@link #killWorker}) the worker process. */
  public synchronized void startWorker() {
    startWorker(Map.of());
  }

  /**
   * Starts the worker with some of its environment replaced, e.g. {@code IR_AWS_ENDPOINT} pointing
   * at a fault-injecting proxy.
   */
  public synchronized void startWorker(Map<String, String> overrides) {
    Path config = state.root().resolve("worker.yml");
    copyConfig("worker.yml", config);
    Map<String, String> env = environment();
    env.putAll(overrides);
    worker = ChildProcess.start("worker", Irctls.command("worker", config), state.logs().resolve("worker.log"),
        env, null, ChildProcess.DEFAULT_GRACE);
    LoopbackPorts.awaitOpen(workerAdminPort, Duration.ofSeconds(60), worker.process(), "the worker");
  }

  /** Stops the worker gracefully and starts it again with some of its environment replaced. */
  public synchronized void restartWorker(Map<String, String> overrides) {
    if (worker != null) worker.close();
    startWorker(overrides);
  }

  /** SIGKILL to the worker: nothing it had in flight gets a chance to finish or clean up. */
  public synchronized void killWorker() {
    worker.kill9();
  }

  private void startListener() {
    Path config = state.root().resolve("listener.yml");
    copyConfig("listener.yml", config);
    listener = ChildProcess.start("listener", Irctls.command("listener", config),
        state.logs().resolve("listener.log"), environment(), null, ChildProcess.DEFAULT_GRACE);
    LoopbackPorts.awaitOpen(listenerPort, Duration.ofSeconds(60), listener.process(), "the listener");
  }

  /** The environment both roles read their YAML from; the same variables configure production. */
  private Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TEMPORAL_ADDRESS", temporal.target());
    env.put("TEMPORAL_NAMESPACE", NAMESPACE);
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", DemoEnvironment.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", DemoEnvironment.SECRET_KEY);
    env.put("IR_AWS_ENDPOINT", awsEndpoint.toString());
    env.put("IR_CLOUDTRAIL_ENDPOINT", cloudTrail.endpoint().toString());
    env.put("IR_EVIDENCE_BUCKET", evidenceBucket);
    env.put("IR_NOTIFICATION_TOPIC_ARN", topicArn);
    env.put("IR_WORKER_ADMIN_PORT", String.valueOf(workerAdminPort));
    env.put("IR_LISTENER_PORT", String.valueOf(listenerPort));
    env.put("IR_LISTENER_ADMIN_PORT", String.valueOf(listenerAdminPort));
    env.put("IR_LISTENER_API_KEY", apiKey);
    env.put("IR_ADMIN_NAME", ADMIN);
    env.put("IR_ADMIN_TOKEN", adminToken);
    env.put("IR_APPROVER_NAME", APPROVER);
    env.put("IR_APPROVER_TOKEN", approverToken);
    env.put("IR_SECOND_APPROVER_NAME", SECOND_APPROVER);
    env.put("IR_SECOND_APPROVER_TOKEN", secondApproverToken);
    env.put("IR_VIEWER_NAME", VIEWER);
    env.put("IR_VIEWER_TOKEN", viewerToken);
    env.put("IR_TEMPORAL_WEB_UI_URL", temporal.webUiUrl().orElse(""));
    env.put("IR_CONSOLE_URL", listenerUrl().toString());
    return env;
  }

  private void copyConfig(String name, Path target) {
    try (var in = DevStack.class.getResourceAsStream("/config/" + name)) {
      if (in == null) throw new IllegalStateException("config/" + name + " is missing from the build");
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + target, e);
    }
  }

  private static String requiredEnv(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("--aws-endpoint seeds nothing, so set " + name
          + " to an existing bucket in that endpoint (e.g. export " + name + "=my-evidence-bucket)");
    }
    return value;
  }

  private static String randomKey() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Seeds the CloudTrail stub with the demo attacker's calls made with the given key. */
  public void seedAttackerActivity(List<DemoTrailEvent> events) {
    for (DemoTrailEvent e : events) {
      cloudTrail.addEvent(CloudTrailLookupServer.event().eventTime(e.eventTime()).eventName(e.eventName())
          .eventSource(e.eventSource()).accessKeyId(e.accessKeyId()).userName(e.userName())
          .sourceIp(e.sourceIp()).userAgent(e.userAgent()).errorCode(e.errorCode())
          .accountId(seeded == null ? null : seeded.accountId()).region("us-east-1"));
    }
  }

  public void printEndpoints(PrintStream out) {
    out.println();
    out.println("IR Playbooks dev stack is running (all on 127.0.0.1):");
    out.printf("  Temporal        %s (namespace %s)%s%n", temporal.target(), NAMESPACE,
        temporal.isFallback() ? "  [FALLBACK: Java test server]" : "");
    out.printf("  Temporal Web UI %s%n", temporal.webUiUrl().orElse("none (fallback server has no Web UI)"));
    out.printf("  AWS endpoint    %s%s%n", awsEndpoint, moto != null ? " (moto, seeded with a demo account)" : "");
    out.printf("  CloudTrail stub %s%n", cloudTrail.endpoint());
    out.printf("  Listener        %s%n", listenerUrl());
    out.printf("  Listener key    header x-api-key: %s (POST /v1/findings)%n", apiKey);
    out.printf("  Console         %s/  (sign in with an analyst token)%n", listenerUrl());
    out.printf("  Analyst tokens  admin %s (%s)%n", adminToken, ADMIN);
    out.printf("                  approver %s (%s)%n", approverToken, APPROVER);
    out.printf("                  second approver %s (%s)%n", secondApproverToken, SECOND_APPROVER);
    out.printf("                  viewer %s (%s)%n", viewerToken, VIEWER);
    out.printf("  Worker admin    http://127.0.0.1:%d/healthcheck%n", workerAdminPort);
    out.printf("  Logs            %s%n", state.logs());
    if (seeded != null) {
      out.printf("  Demo user       %s with access key %s%n", seeded.userName(), seeded.accessKeyId());
    }
    out.println();
    out.println("Post a finding:  curl -H 'x-api-key: " + apiKey + "' -H 'content-type: application/json' \\");
    out.println("                   --data @finding.json " + listenerUrl() + "/v1/findings");
  }

  public URI listenerUrl() {
    return URI.create("http://127.0.0.1:" + listenerPort);
  }

  public String apiKey() {
    return apiKey;
  }

  public String adminToken() {
    return adminToken;
  }

  public String approverToken() {
    return approverToken;
  }

  public String secondApproverToken() {
    return secondApproverToken;
  }

  public String viewerToken() {
    return viewerToken;
  }

  public URI awsEndpoint() {
    return awsEndpoint;
  }

  public LocalTemporal temporal() {
    return temporal;
  }

  public DemoEnvironment.Seeded seeded() {
    return seeded;
  }

  public CloudTrailLookupServer cloudTrail() {
    return cloudTrail;
  }

  public StateDir state() {
    return state;
  }

  public ChildProcess worker() {
    return worker;
  }

  public ChildProcess listener() {
    return listener;
  }

  public Instant now() {
    return Instant.now();
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable child : new AutoCloseable[] {listener, worker}) {
      closeQuietly(child);
    }
    for (int i = started.size() - 1; i >= 0; i--) closeQuietly(started.get(i));
  }

  private static void closeQuietly(AutoCloseable resource) {
    if (resource == null) return;
    try {
      resource.close();
    } catch (Exception e) {
      System.err.println("warning: could not stop " + resource + ": " + e.getMessage());
    }
  }
}
