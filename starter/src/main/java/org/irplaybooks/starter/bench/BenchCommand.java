package org.irplaybooks.starter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.irplaybooks.starter.bench.BenchResult.Burst;
import org.irplaybooks.starter.bench.BenchResult.Footprint;
import org.irplaybooks.starter.bench.BenchResult.Machine;
import org.irplaybooks.starter.bench.BenchResult.SingleMode;
import org.irplaybooks.starter.bench.BenchUsers.BenchUser;
import org.irplaybooks.starter.cli.ListenerClient;
import org.irplaybooks.starter.devstack.DemoEnvironment;
import org.irplaybooks.starter.devstack.DemoFinding;
import org.irplaybooks.starter.devstack.DevStack;
import org.irplaybooks.starter.devstack.LatencyProxy;
import org.irplaybooks.workflows.incident.IncidentIds;

/**
 * {@code irctl bench}: the product's performance on the embedded stack, all on 127.0.0.1.
 *
 * <ol>
 *   <li>Time to contain, one incident at a time, with no added latency and with the AWS emulator
 *       behind a {@link LatencyProxy}; each playbook run is paired with a run of
 *       {@link SequentialContainment} (the same AWS calls as a plain program) so the ratio comes
 *       from the same machine at the same moment.
 *   <li>Burst: N findings, a share of them duplicates, posted with bounded concurrency; the time
 *       until every incident is contained, and a check that each distinct finding has exactly one
 *       incident.
 *   <li>Footprint: resident memory of the worker and the listener with the target number of
 *       incidents waiting for approval, and their CPU seconds per incident.
 * </ol>
 *
 * Time to contain is measured from the client's clock just before the POST to the
 * {@code finishedAt} of the incident's last containment action in its state (the time of the
 * workflow task that recorded the action's result); both clocks are this machine's.
 */
public final class BenchCommand {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Duration INCIDENT_WAIT = Duration.ofSeconds(60);
  private static final List<String> CONTAINED_PHASES =
      List.of("INVESTIGATION", "AWAITING_RECOVERY_APPROVAL", "RECOVERY", "ROLLBACK", "CLOSED");
  /** The CloudTrail stub has no rate limit; AWS's two per second would make 1,000 lookups take 8 minutes. */
  static final int BENCH_CLOUDTRAIL_LOOKUPS_PER_SECOND = 200;

  private final BenchOptions options;
  private final DevStack stack;
  private final PrintStream out;
  private final ListenerClient listener;
  private final DemoEnvironment.Seeded env;
  private final BenchUsers users;
  private final String runId;

  private BenchCommand(BenchOptions options, DevStack stack, PrintStream out) {
    this.options = options;
    this.stack = stack;
    this.out = out;
    // The bench posts findings (ingestion key) and reads incidents (a viewer is enough).
    this.listener = new ListenerClient(stack.listenerUrl(), "x-api-key", stack.apiKey(), stack.viewerToken());
    this.env = stack.seeded();
    this.runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    this.users = new BenchUsers(stack.awsEndpoint(), runId);
  }

  /** Starts the stack, runs every part, prints the table, writes the JSON when asked; exit code. */
  public static int run(BenchOptions options, PrintStream out) throws IOException {
    Path stateDir = options.stateDir() != null ? options.stateDir() : Files.createTempDirectory("ir-bench-");
    out.println("Benchmark state and logs in " + stateDir);
    try (DevStack stack = DevStack.start(new DevStack.Options(null, null, null, stateDir), out)) {
      BenchResult result = runOn(stack, options, out);
      out.println();
      out.print(BenchTable.render(result));
      if (options.json() != null) {
        Files.writeString(options.json(), JSON.writeValueAsString(result));
        out.println("JSON written to " + options.json());
      }
      return result.problems().isEmpty() ? 0 : 1;
    }
  }

  /** Runs the benchmark on a stack that is already up (the smoke test's entry point). */
  public static BenchResult runOn(DevStack stack, BenchOptions options, PrintStream out) {
    if (stack.seeded() == null) throw new IllegalStateException("the benchmark needs the seeded emulator");
    BenchCommand bench = new BenchCommand(options, stack, out);
    try {
      return bench.runAll();
    } finally {
      bench.users.close();
    }
  }

  private BenchResult runAll() {
    List<String> problems = new ArrayList<>();
    Instant started = Instant.now();
    Map<String, String> workerEnv = new LinkedHashMap<>();
    workerEnv.put("IR_CLOUDTRAIL_LOOKUPS_PER_SECOND", String.valueOf(BENCH_CLOUDTRAIL_LOOKUPS_PER_SECOND));
    workerEnv.putAll(options.workerEnv());
    out.println("Restarting the worker with the benchmark's settings " + workerEnv + " ...");
    stack.restartWorker(workerEnv);

    List<SingleMode> modes = new ArrayList<>();
    modes.add(single("no added latency", Duration.ZERO, Duration.ZERO, stack.awsEndpoint(), problems));

    Burst burst = null;
    Footprint footprint = null;
    try (LatencyProxy proxy = LatencyProxy.start(stack.awsEndpoint(), options.latency(), options.jitter())) {
      Map<String, String> proxied = new LinkedHashMap<>(workerEnv);
      proxied.put("IR_AWS_ENDPOINT", proxy.endpoint().toString());
      out.println("Restarting the worker behind " + proxy + " ...");
      stack.restartWorker(proxied);
      String label = "+" + options.latency().toMillis() + " ms/call (jitter " + options.jitter().toMillis() + " ms)";
      modes.add(single(label, options.latency(), options.jitter(), proxy.endpoint(), problems));

      if (options.burst() > 0) {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporal().target()).build());
        try {
          WorkflowClient temporal = WorkflowClient.newInstance(stubs);
          Map<String, Long> pids = processes();
          Map<String, Double> cpu0 = new LinkedHashMap<>();
          pids.forEach((name, pid) -> cpu0.put(name, ProcStats.cpuSeconds(pid)));
          int open0 = count(temporal, "ExecutionStatus = 'Running'");
          burst = burst(temporal, problems);
          footprint = footprint(temporal, open0, pids, cpu0, problems);
        } finally {
          stubs.shutdownNow();
        }
      }
    }
    return new BenchResult(started.truncatedTo(ChronoUnit.SECONDS).toString(), Machine.here(), options.describe(),
        modes, burst, footprint, problems);
  }

  // ---- 1 and 4: one incident at a time, paired with the sequential script --------------------

  private SingleMode single(String label, Duration latency, Duration jitter, java.net.URI scriptEndpoint,
      List<String> problems) {
    int total = options.warmup() + options.runs();
    out.printf("Time to contain, %s: %d warm-up + %d runs, each paired with the sequential script ...%n",
        label, options.warmup(), options.runs());
    List<BenchUser> playbookUsers = users.create(total, "p" + (latency.isZero() ? "0" : latency.toMillis()));
    List<BenchUser> scriptUsers = users.create(total, "s" + (latency.isZero() ? "0" : latency.toMillis()));
    List<Double> warm = new ArrayList<>();
    List<Double> playbook = new ArrayList<>();
    List<Double> scriptWarm = new ArrayList<>();
    List<Double> script = new ArrayList<>();
    List<Double> listenerAccept = new ArrayList<>();
    List<PlaybookRun> measured = new ArrayList<>();
    try (SequentialContainment sequential = new SequentialContainment(scriptEndpoint, env.bucket())) {
      for (int i = 0; i < total; i++) {
        boolean warmup = i < options.warmup();
        BenchUser s = scriptUsers.get(i);
        String scriptCase = IncidentIds.caseId(env.accountId(), "script-" + runId + "-" + s.userName());
        double scriptMs = sequential.contain(scriptCase, s.userName(), s.accessKeyId()).toNanos() / 1e6;
        (warmup ? scriptWarm : script).add(scriptMs);
        PlaybookRun run = playbookRun(playbookUsers.get(i), problems);
        if (run != null) {
          (warmup ? warm : playbook).add(run.timeToContainMs());
          if (!warmup) {
            listenerAccept.add(run.acceptMs());
            measured.add(run);
          }
        }
      }
    }
    Stats p = Stats.of(playbook);
    Stats sc = Stats.of(script);
    List<String> medianRun = measured.stream()
        .min(java.util.Comparator.comparingDouble(r -> Math.abs(r.timeToContainMs() - p.p50())))
        .map(PlaybookRun::breakdown).orElse(List.of());
    return new SingleMode(label, latency.toMillis(), jitter.toMillis(), warm, Stats.of(warm), p, Stats.of(scriptWarm),
        sc, Stats.of(listenerAccept), p.p50() / sc.p50(), medianRun);
  }

  record PlaybookRun(String caseId, double timeToContainMs, double acceptMs, List<String> breakdown) {}

  private PlaybookRun playbookRun(BenchUser user, List<String> problems) {
    DemoFinding finding = DemoFinding.create(env.accountId(), env.region(), user.accessKeyId(), user.userId(),
        user.userName(), Instant.now(), DemoFinding.newFindingId());
    String body = finding.json();
    long posted = System.currentTimeMillis();
    ListenerClient.Answer answer = listener.postFindings(body);
    long accepted = System.currentTimeMillis();
    JsonNode result = answer.body().path("results").path(0);
    if (answer.status() != 202 || !"started".equals(result.path("status").asText())) {
      problems.add("a finding was not accepted: " + answer.status() + " " + answer.body());
      return null;
    }
    String caseId = result.path("caseId").asText();
    JsonNode contained = await(caseId, s -> !s.path("containedAt").isNull() && !s.path("containedAt").isMissingNode());
    if (contained == null) {
      problems.add(caseId + " was not contained within " + INCIDENT_WAIT);
      return null;
    }
    double ttc = lastContainmentAction(contained, problems) - posted;
    // One incident at a time: the next run starts once this one rests at the approval gate.
    if (await(caseId, s -> "AWAITING_RECOVERY_APPROVAL".equals(s.path("awaiting").asText())) == null) {
      problems.add(caseId + " did not reach the approval gate within " + INCIDENT_WAIT);
    }
    return new PlaybookRun(caseId, ttc, accepted - posted, breakdown(contained, posted));
  }

  /**
   * Where the time of one run went: when the listener stamped the finding, then each containment
   * action's start and end relative to the POST. The gaps between one action's end and the next's
   * start are the engine's dispatch; the actions' own durations are the AWS calls.
   */
  static List<String> breakdown(JsonNode state, long posted) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(java.util.Locale.ROOT, "%6.0f  finding received by the listener",
        epochMillis(state.path("receivedAt")) - posted));
    for (JsonNode action : state.path("actions")) {
      if (!"CONTAINMENT".equals(action.path("phase").asText())) continue;
      double start = epochMillis(action.path("startedAt")) - posted;
      double end = epochMillis(action.path("finishedAt")) - posted;
      lines.add(String.format(java.util.Locale.ROOT, "%6.0f  %6.0f  (%4.0f ms)  %s", start, end, end - start,
          action.path("name").asText()));
    }
    return lines;
  }

  /** Epoch millis of the last containment action's end; a failed action is a problem. */
  static double lastContainmentAction(JsonNode state, List<String> problems) {
    double last = Double.NaN;
    for (JsonNode action : state.path("actions")) {
      if (!"CONTAINMENT".equals(action.path("phase").asText())) continue;
      String status = action.path("status").asText();
      if (!"SUCCEEDED".equals(status) && !"SKIPPED".equals(status)) {
        problems.add(state.path("caseId").asText() + ": containment action '" + action.path("name").asText()
            + "' " + status);
      }
      double finished = epochMillis(action.path("finishedAt"));
      if (Double.isNaN(last) || finished > last) last = finished;
    }
    return last;
  }

  static double epochMillis(JsonNode time) {
    if (time.isNumber()) return time.asDouble() * 1000.0;
    if (time.isTextual()) return Instant.parse(time.asText()).toEpochMilli();
    return Double.NaN;
  }

  private JsonNode await(String caseId, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + INCIDENT_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      ListenerClient.Answer answer = listener.incident(caseId);
      if (answer.status() == 200 && condition.test(answer.body())) return answer.body();
      sleep(options.pollMillis());
    }
    return null;
  }

  // ---- 2: burst -------------------------------------------------------------------------------

  record Post(String findingId, int status, String result, String caseId, long postedAt, long answeredAt) {}

  private Burst burst(WorkflowClient temporal, List<String> problems) {
    int total = options.burst();
    int distinct = Math.max(1, (int) Math.round(total * (1.0 - options.duplicates())));
    out.printf("Burst: seeding %d users, then posting %d findings (%d distinct) with %d at a time ...%n",
        distinct, total, distinct, options.concurrency());
    List<BenchUser> burstUsers = users.create(distinct, "b");
    Instant now = Instant.now();
    List<String> bodies = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (BenchUser u : burstUsers) {
      String id = DemoFinding.newFindingId();
      ids.add(id);
      bodies.add(DemoFinding.create(env.accountId(), env.region(), u.accessKeyId(), u.userId(), u.userName(), now, id)
          .json());
    }
    // The duplicates are deliveries of random findings of the burst, shuffled in with the rest.
    Random random = new Random(42);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < distinct; i++) order.add(i);
    for (int i = distinct; i < total; i++) order.add(random.nextInt(distinct));
    Collections.shuffle(order, random);

    String since = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
    List<Post> posts = postAll(order, ids, bodies);
    long firstPost = posts.stream().mapToLong(Post::postedAt).min().orElse(0);
    long lastPost = posts.stream().mapToLong(Post::answeredAt).max().orElse(0);
    double postSeconds = (lastPost - firstPost) / 1000.0;
    out.printf("  posted in %.1f s; waiting for containment ...%n", postSeconds);

    // Visibility says when all are past containment; each incident's state then gives the times.
    String containedQuery = "StartTime >= '" + since + "' AND IrPhase IN ("
        + String.join(", ", CONTAINED_PHASES.stream().map(p -> "'" + p + "'").toList()) + ")";
    long deadline = System.nanoTime() + options.phaseTimeout().toNanos();
    int contained = 0;
    while (System.nanoTime() < deadline) {
      contained = count(temporal, containedQuery);
      if (contained >= distinct) break;
      sleep(250);
    }
    if (contained < distinct) {
      problems.add("burst: only " + contained + " of " + distinct + " incidents contained within " + options.phaseTimeout());
    }

    Map<String, Long> firstPostOf = new HashMap<>();
    Map<String, Integer> startedAnswers = new HashMap<>();
    // The listener says which incident each finding belongs to (the catalog decides the key).
    Map<String, String> caseOf = new HashMap<>();
    int failedPosts = 0;
    for (Post p : posts) {
      firstPostOf.merge(p.findingId(), p.postedAt(), Math::min);
      if (p.caseId() != null) caseOf.putIfAbsent(p.findingId(), p.caseId());
      if (p.status() != 202) failedPosts++;
      if ("started".equals(p.result())) startedAnswers.merge(p.findingId(), 1, Integer::sum);
    }
    List<Double> ttc = new ArrayList<>();
    double lastContained = Double.NaN;
    List<String> stateProblems = Collections.synchronizedList(new ArrayList<>());
    Map<String, JsonNode> states = fetchStates(ids, caseOf);
    if (states.size() < ids.size()) {
      problems.add("burst: the states of " + (ids.size() - states.size()) + " incidents could not be read");
    }
    for (String id : ids) {
      JsonNode state = states.get(id);
      if (state == null || state.path("containedAt").isNull() || state.path("containedAt").isMissingNode()) continue;
      double done = lastContainmentAction(state, stateProblems);
      ttc.add(done - firstPostOf.get(id));
      if (Double.isNaN(lastContained) || done > lastContained) lastContained = done;
    }
    if (!stateProblems.isEmpty()) {
      problems.add("burst: " + stateProblems.size() + " failed containment actions, e.g. " + stateProblems.get(0));
    }

    // Exactly one incident per distinct finding, none for anything else.
    Map<String, Integer> runs = new HashMap<>();
    try (var listed = temporal.listExecutions("StartTime >= '" + since + "'")) {
      listed.map(WorkflowExecutionMetadata::getExecution).forEach(e -> runs.merge(e.getWorkflowId(), 1, Integer::sum));
    }
    int lost = 0;
    int duplicated = 0;
    for (String id : ids) {
      String caseId = caseOf.get(id);
      int n = caseId == null ? 0 : runs.getOrDefault(IncidentIds.workflowId(caseId), 0);
      if (n == 0) lost++;
      if (n > 1 || startedAnswers.getOrDefault(id, 0) > 1) duplicated++;
    }
    if (lost > 0 || duplicated > 0) problems.add("burst: " + lost + " findings lost, " + duplicated + " duplicated");
    if (runs.size() != distinct) {
      problems.add("burst: " + runs.size() + " workflows started for " + distinct + " distinct findings");
    }
    if (failedPosts > 0) problems.add("burst: " + failedPosts + " POSTs were not answered 202");

    double allContainedAfterFirst = (lastContained - firstPost) / 1000.0;
    double allContainedAfterLast = (lastContained - lastPost) / 1000.0;
    Stats stats = Stats.of(ttc);
    return new Burst(total, distinct, total - distinct, options.concurrency(), postSeconds, total / postSeconds,
        ttc.size(), allContainedAfterFirst, allContainedAfterLast, ttc.size() / allContainedAfterFirst, stats,
        lost, duplicated, failedPosts);
  }

  private List<Post> postAll(List<Integer> order, List<String> ids, List<String> bodies) {
    ExecutorService pool = Executors.newFixedThreadPool(options.concurrency());
    try {
      List<Future<Post>> futures = new ArrayList<>();
      for (int index : order) {
        futures.add(pool.submit(() -> {
          long posted = System.currentTimeMillis();
          ListenerClient.Answer answer = listener.postFindings(bodies.get(index));
          long answered = System.currentTimeMillis();
          JsonNode result = answer.body().path("results").path(0);
          return new Post(ids.get(index), answer.status(), result.path("status").asText(null),
              result.path("caseId").asText(null), posted, answered);
        }));
      }
      List<Post> posts = new ArrayList<>();
      for (Future<Post> f : futures) posts.add(f.get(options.phaseTimeout().toSeconds(), TimeUnit.SECONDS));
      return posts;
    } catch (Exception e) {
      throw new IllegalStateException("posting the burst failed: " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
  }

  private Map<String, JsonNode> fetchStates(List<String> findingIds, Map<String, String> caseOf) {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    Map<String, JsonNode> states = new ConcurrentHashMap<>();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (String id : findingIds) {
        futures.add(pool.submit(() -> {
          try {
            String caseId = caseOf.get(id);
            if (caseId == null) return;
            ListenerClient.Answer a = listener.incident(caseId);
            if (a.status() == 200) states.put(id, a.body());
          } catch (RuntimeException unanswered) {
            // Under a saturated worker a query can time out: the incident counts as not read.
          }
        }));
      }
      for (Future<?> f : futures) f.get(options.phaseTimeout().toSeconds(), TimeUnit.SECONDS);
      return states;
    } catch (Exception e) {
      throw new IllegalStateException("reading the incidents' states failed: " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- 3: footprint ---------------------------------------------------------------------------

  /** The stack's processes by role: the worker, the listener, and the Temporal server and moto found by command. */
  private Map<String, Long> processes() {
    Map<String, Long> pids = new LinkedHashMap<>();
    pids.put("worker", stack.worker().pid());
    pids.put("listener", stack.listener().pid());
    ProcessHandle.current().descendants().forEach(p -> {
      String command = p.info().commandLine().orElse(p.info().command().orElse(""));
      if (command.contains("start-dev")) pids.putIfAbsent("temporal server", p.pid());
      if (command.contains("moto_server")) pids.putIfAbsent("moto_server", p.pid());
    });
    return pids;
  }

  private Footprint footprint(WorkflowClient temporal, int open0, Map<String, Long> pids, Map<String, Double> cpu0,
      List<String> problems) {
    int open = count(temporal, "ExecutionStatus = 'Running'");
    int more = Math.max(0, options.openTarget() - open);
    if (more > 0) {
      out.printf("Footprint: %d incidents open; opening %d more to reach %d ...%n", open, more, options.openTarget());
      Instant now = Instant.now();
      List<BenchUser> extra = users.create(more, "f");
      List<String> bodies = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      List<Integer> order = new ArrayList<>();
      for (BenchUser u : extra) {
        String id = DemoFinding.newFindingId();
        order.add(ids.size());
        ids.add(id);
        bodies.add(DemoFinding.create(env.accountId(), env.region(), u.accessKeyId(), u.userId(), u.userName(), now, id)
            .json());
      }
      postAll(order, ids, bodies);
    }
    int target = Math.max(options.openTarget(), open);
    out.printf("Footprint: waiting until %d incidents wait for approval ...%n", target);
    long deadline = System.nanoTime() + options.phaseTimeout().toNanos();
    int waiting = 0;
    while (System.nanoTime() < deadline) {
      waiting = count(temporal, "ExecutionStatus = 'Running' AND IrPhase = 'AWAITING_RECOVERY_APPROVAL'");
      if (waiting >= target) break;
      sleep(500);
    }
    if (waiting < target) {
      problems.add("footprint: only " + waiting + " of " + target + " incidents reached the approval gate within "
          + options.phaseTimeout());
    }
    // Let the last workflow tasks settle before sampling.
    sleep(2000);
    int incidents = Math.max(1, count(temporal, "ExecutionStatus = 'Running'") - open0);
    Map<String, Double> rss = new LinkedHashMap<>();
    Map<String, Double> cpu = new LinkedHashMap<>();
    pids.forEach((name, pid) -> {
      rss.put(name, ProcStats.rssMiB(pid));
      cpu.put(name, (ProcStats.cpuSeconds(pid) - cpu0.get(name)) / incidents);
    });
    return new Footprint(waiting, rss.get("worker"), rss.get("listener"), incidents,
        cpu.get("worker"), cpu.get("listener"), rss, cpu);
  }

  private static int count(WorkflowClient temporal, String query) {
    return (int) temporal.countWorkflows(query).getCount();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static String toJson(BenchResult result) {
    try {
      return JSON.writeValueAsString(result);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
