package org.irplaybooks.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.irplaybooks.starter.devstack.DemoChecks;
import org.irplaybooks.starter.devstack.DemoEnvironment;
import org.irplaybooks.starter.devstack.DemoFinding;
import org.irplaybooks.starter.devstack.DevStack;
import org.irplaybooks.workflows.report.IncidentReport;
import org.irplaybooks.workflows.report.ReportRenderer;

/**
 * {@code irctl demo}: the product's main job, end to end, on the embedded stack. A GuardDuty finding
 * for the demo user's key goes to the listener over HTTP; the playbook contains it; a demo analyst
 * approves recovery; the report is printed; the emulator is checked. Exit 0 only when every step
 * and every check passed.
 */
public final class DemoCommand {
  static final String ANALYST = DevStack.APPROVER;
  static final Duration WAIT = Duration.ofSeconds(60);

  private DemoCommand() {}

  public static int run(DevStack.Options options, PrintStream out) {
    if (options.awsEndpoint() != null) {
      out.println("irctl demo seeds its own demo account; run it without --aws-endpoint");
      return 2;
    }
    try (DevStack stack = DevStack.start(options, out)) {
      stack.printEndpoints(out);
      return runDemo(stack, out);
    } catch (RuntimeException e) {
      out.println("❌ demo failed: " + e.getMessage());
      return 1;
    }
  }

  static int runDemo(DevStack stack, PrintStream out) {
    DemoEnvironment.Seeded env = stack.seeded();
    DemoFinding finding = DemoFinding.create(env, Instant.now());
    stack.seedAttackerActivity(finding.attackerActivity());
    ListenerClient listener = new ListenerClient(stack.listenerUrl(), "x-api-key", stack.apiKey(), stack.approverToken());

    out.println("1. Sending the demo GuardDuty finding (" + DemoFinding.TYPE + ") for "
        + env.userName() + "'s key " + env.accessKeyId());
    long posted = System.nanoTime();
    ListenerClient.Answer answer = listener.postFindings(finding.json());
    JsonNode result = answer.body().path("results").path(0);
    if (answer.status() != 202 || !"started".equals(result.path("status").asText())) {
      out.println("❌ the listener answered " + answer.status() + ": " + answer.body());
      return 1;
    }
    String caseId = result.path("caseId").asText();
    String workflowId = result.path("workflowId").asText();
    out.println("   case " + caseId + ", workflow " + workflowId + " (" + result.path("playbook").asText() + ")");

    JsonNode contained = await(listener, caseId, s -> !s.path("containedAt").isNull()
        && !s.path("containedAt").isMissingNode());
    double wallSeconds = (System.nanoTime() - posted) / 1e9;
    out.printf("2. Contained %.2f s after the POST (wall clock, as seen by the client)%n", wallSeconds);
    for (JsonNode action : contained.path("actions")) {
      out.println("   " + action.path("status").asText() + "  " + action.path("name").asText());
    }
    List<DemoChecks.Check> containment = DemoChecks.containment(env.endpoint(), env.userName(), env.accessKeyId(), caseId);
    out.println("   in the emulator:");
    containment.forEach(out::println);

    await(listener, caseId, s -> "AWAITING_RECOVERY_APPROVAL".equals(s.path("awaiting").asText()));
    out.println("3. Investigation done; awaiting approval. Approving as " + ANALYST);
    ListenerClient.Answer approval = listener.approve(caseId, "demo: owner confirmed, rotate the key", false);
    if (approval.status() != 200) {
      out.println("❌ approval answered " + approval.status() + ": " + approval.body());
      return 1;
    }

    IncidentReport report = result(stack, workflowId);
    out.println("4. Incident closed: " + report.incident().outcome());
    out.println();
    out.print(ReportRenderer.text(report));
    List<DemoChecks.Check> recovery = DemoChecks.recovery(env.endpoint(), env.userName(), env.accessKeyId(), caseId);
    out.println("5. Recovery in the emulator:");
    recovery.forEach(out::println);

    boolean ok = DemoChecks.allOk(containment) && DemoChecks.allOk(recovery)
        && report.incident().actions().stream().noneMatch(a -> a.status().name().contains("FAILED"));
    out.println(ok ? "✅ demo passed" : "❌ demo failed: see the checks and the report above");
    return ok ? 0 : 1;
  }

  private static JsonNode await(ListenerClient listener, String caseId, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      ListenerClient.Answer answer = listener.incident(caseId);
      if (answer.status() == 200) {
        last = answer.body();
        if (condition.test(last)) return last;
      }
      sleep(50);
    }
    throw new IllegalStateException("incident " + caseId + " did not reach the expected state within " + WAIT
        + "; last state: " + (last == null ? "none" : last.path("phase").asText()));
  }

  private static IncidentReport result(DevStack stack, String workflowId) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporal().target()).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      return client.newUntypedWorkflowStub(workflowId).getResult(WAIT.toSeconds(), TimeUnit.SECONDS, IncidentReport.class);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the incident did not close within " + WAIT, e);
    } finally {
      stubs.shutdownNow();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
