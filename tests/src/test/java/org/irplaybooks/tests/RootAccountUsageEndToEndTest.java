package org.irplaybooks.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.irplaybooks.starter.cli.ListenerClient;
import org.irplaybooks.starter.devstack.DemoTrailEvent;
import org.irplaybooks.starter.devstack.DevStack;
import org.irplaybooks.tests.support.Emulator;
import org.irplaybooks.tests.support.LocalStack;
import org.irplaybooks.workflows.credentials.root.ChecklistConfirmation;
import org.irplaybooks.workflows.credentials.root.RootAccountUsageWorkflow;
import org.irplaybooks.workflows.incident.IncidentIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root-account playbook on the real local stack: a root console sign-in posted over HTTP pages
 * at once, the account summary and root's changes land in the evidence bucket, and after approval
 * the checklist is confirmed item by item (Temporal update) and recorded.
 */
class RootAccountUsageEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir static Path state;
  static DevStack stack;
  static ListenerClient listener;
  static Emulator aws;
  static WorkflowServiceStubs temporal;

  @BeforeAll
  static void startStack() {
    stack = LocalStack.start(state);
    listener = LocalStack.listener(stack);
    aws = new Emulator(stack.awsEndpoint());
    temporal = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporal().target()).build());
  }

  @AfterAll
  static void stopStack() {
    if (temporal != null) temporal.shutdownNow();
    if (aws != null) aws.close();
    if (stack != null) stack.close();
  }

  static String rootSignIn(String account, Instant at) {
    String time = at.truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "0").put("id", UUID.randomUUID().toString()).put("detail-type", "AWS Console Sign In via CloudTrail")
        .put("source", "aws.signin").put("account", account).put("time", time).put("region", "us-east-1");
    event.putArray("resources");
    ObjectNode d = event.putObject("detail");
    d.putObject("userIdentity").put("type", "Root").put("principalId", account).put("arn", "arn:aws:iam::" + account + ":root")
        .put("accountId", account);
    d.put("eventTime", time).put("eventSource", "signin.amazonaws.com").put("eventName", "ConsoleLogin")
        .put("awsRegion", "us-east-1").put("sourceIPAddress", "203.0.113.50").put("userAgent", "Mozilla/5.0")
        .put("eventID", UUID.randomUUID().toString()).put("eventType", "AwsConsoleSignIn").put("recipientAccountId", account);
    d.putObject("responseElements").put("ConsoleLogin", "Success");
    d.putObject("additionalEventData").put("MFAUsed", "No");
    return event.toString();
  }

  @Test
  void rootSignIn_pages_collectsPosture_andRecoversThroughTheChecklist() throws Exception {
    String account = stack.seeded().accountId();
    Instant now = Instant.now();
    stack.seedAttackerActivity(List.of(
        new DemoTrailEvent(now.minusSeconds(50), "ListUsers", "iam.amazonaws.com", "203.0.113.50", "Mozilla", null, null, "root"),
        new DemoTrailEvent(now.minusSeconds(40), "CreateAccessKey", "iam.amazonaws.com", "203.0.113.50", "Mozilla", null,
            null, "root")));
    ListenerClient.Answer posted = listener.postFindings(rootSignIn(account, now.minusSeconds(60)));
    JsonNode result = posted.body().path("results").path(0);
    assertThat(result.path("status").asText()).as(posted.body().toString()).isEqualTo("started");
    assertThat(result.path("playbook").asText()).isEqualTo("root-account");
    String caseId = result.path("caseId").asText();

    JsonNode waiting = LocalStack.awaitIncident(listener, caseId, WAIT,
        s -> "AWAITING_RECOVERY_APPROVAL".equals(s.path("awaiting").asText()));
    assertThat(waiting.path("notifications").findValuesAsText("event")).startsWith("PAGE");
    assertThat(waiting.path("notifications").path(0).path("delivered").asBoolean()).isTrue();
    assertThat(waiting.path("evidence").findValuesAsText("name"))
        .contains("pre-containment/account-summary.json", "investigation/root-changes.json");
    for (JsonNode item : waiting.path("evidence")) {
      assertThat(aws.sha256Of(item.path("location").asText())).isEqualTo(item.path("sha256").asText());
    }
    assertThat(waiting.path("timeline").findValuesAsText("what")).anyMatch(w -> w.startsWith("Root made 1 change"));

    assertThat(listener.approve(caseId, "owner confirmed", false).status()).isEqualTo(200);
    WorkflowClient client = WorkflowClient.newInstance(temporal,
        WorkflowClientOptions.newBuilder().setNamespace(DevStack.NAMESPACE).build());
    RootAccountUsageWorkflow incident = client.newWorkflowStub(RootAccountUsageWorkflow.class, IncidentIds.workflowId(caseId));
    LocalStack.awaitIncident(listener, caseId, WAIT, s -> "RECOVERY".equals(s.path("phase").asText()));
    for (String item : List.of("root-password-reset", "root-mfa-enabled", "root-access-keys-deleted",
        "account-contacts-verified")) {
      incident.confirmChecklistItem(new ChecklistConfirmation(item, "alice@example.com", "done"));
    }

    JsonNode closed = LocalStack.awaitIncident(listener, caseId, WAIT, s -> "CLOSED".equals(s.path("phase").asText()));
    assertThat(closed.path("outcome").asText()).isEqualTo("RECOVERED");
    int confirmed = 0;
    for (JsonNode a : closed.path("actions")) {
      if (a.path("name").asText().startsWith("Checklist: ")) {
        assertThat(a.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(a.path("resource").asText()).isEqualTo("confirmed by alice@example.com (done)");
        confirmed++;
      }
    }
    assertThat(confirmed).isEqualTo(4);
  }
}
