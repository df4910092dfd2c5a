package org.irplaybooks.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.irplaybooks.starter.cli.ListenerClient;
import org.irplaybooks.starter.devstack.DemoFinding;
import org.irplaybooks.starter.devstack.DemoTrailEvent;
import org.irplaybooks.starter.devstack.DevStack;
import org.irplaybooks.tests.support.Emulator;
import org.irplaybooks.tests.support.LocalStack;
import org.irplaybooks.workflows.incident.FalsePositiveRequest;
import org.irplaybooks.workflows.incident.IncidentIds;
import org.irplaybooks.workflows.playbook.IncidentWorkflow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The cross-account-role-abuse playbook on the real local stack: a partner role in moto whose trust
 * policy names a partner and an unknown account, a CloudTrail AssumeRole from the unknown account
 * posted over HTTP; the trust policy narrowed and the sessions revoked in the emulator; recovery,
 * and for a second role a false positive restoring the saved trust policy exactly.
 */
class CrossAccountRoleAbuseEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String PARTNER = "111122223333";
  private static final String FOREIGN = "999988887777";

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

  static String trust() {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Partners\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
        + "[\"arn:aws:iam::" + PARTNER + ":root\",\"arn:aws:iam::" + FOREIGN + ":root\"]},\"Action\":\"sts:AssumeRole\","
        + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"reporting-7\"}}}]}";
  }

  static String seedRole(String name) {
    return aws.iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust())
        .tags(Tag.builder().key("owner").value("reporting").build())).role().arn();
  }

  /** The EventBridge event CloudTrail sends for an AssumeRole into {@code roleArn} from the foreign account. */
  static String assumeRoleEvent(String roleArn, String sessionKey, Instant at) {
    String account = stack.seeded().accountId();
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "0").put("id", UUID.randomUUID().toString()).put("detail-type", "AWS API Call via CloudTrail")
        .put("source", "aws.sts").put("account", account).put("time", at.truncatedTo(ChronoUnit.SECONDS).toString())
        .put("region", "us-east-1");
    event.putArray("resources");
    ObjectNode d = event.putObject("detail");
    d.put("eventVersion", "1.08").put("eventTime", at.truncatedTo(ChronoUnit.SECONDS).toString())
        .put("eventSource", "sts.amazonaws.com").put("eventName", "AssumeRole").put("awsRegion", "us-east-1")
        .put("sourceIPAddress", "203.0.113.9").put("userAgent", "aws-cli/2").put("eventID", UUID.randomUUID().toString())
        .put("recipientAccountId", account).put("eventType", "AwsApiCall");
    d.putObject("userIdentity").put("type", "AWSAccount").put("principalId", "AROAFOREIGNEXAMPLE:attacker")
        .put("accountId", FOREIGN);
    d.putObject("requestParameters").put("roleArn", roleArn).put("roleSessionName", "attacker");
    d.putObject("responseElements").putObject("credentials").put("accessKeyId", sessionKey);
    return event.toString();
  }

  private static String startIncident(String eventJson) {
    ListenerClient.Answer posted = listener.postFindings(eventJson);
    assertThat(posted.status()).isEqualTo(202);
    JsonNode result = posted.body().path("results").path(0);
    assertThat(result.path("status").asText()).as(posted.body().toString()).isEqualTo("started");
    assertThat(result.path("playbook").asText()).isEqualTo("cross-account-role-abuse");
    return result.path("caseId").asText();
  }

  private static String storedTrust(String role) {
    String doc = aws.iam.getRole(b -> b.roleName(role)).role().assumeRolePolicyDocument();
    return doc.startsWith("{") ? doc : URLDecoder.decode(doc, StandardCharsets.UTF_8);
  }

  private static Map<String, String> roleTags(String role) {
    return aws.iam.listRoleTags(b -> b.roleName(role)).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }

  private static String sessionKey() {
    return "ASIA" + DemoFinding.newFindingId().substring(0, 16).toUpperCase();
  }

  @Test
  void foreignAssumeRole_narrowsTheTrustPolicy_revokesSessions_andFindsLateralMovement() throws Exception {
    String role = "partner-reporting-" + System.nanoTime() % 100000;
    String roleArn = seedRole(role);
    String key = sessionKey();
    Instant now = Instant.now();
    stack.seedAttackerActivity(List.of(
        new DemoTrailEvent(now.minusSeconds(60), "ListBuckets", "s3.amazonaws.com", "203.0.113.9", "aws-cli/2", null, key, role),
        new DemoTrailEvent(now.minusSeconds(30), "AssumeRole", "sts.amazonaws.com", "203.0.113.9", "aws-cli/2", null, key, role)));
    String caseId = startIncident(assumeRoleEvent(roleArn, key, now.minusSeconds(90)));

    JsonNode waiting = LocalStack.awaitIncident(listener, caseId, WAIT,
        s -> "AWAITING_RECOVERY_APPROVAL".equals(s.path("awaiting").asText()));
    JsonNode statement = JSON.readTree(storedTrust(role)).path("Statement").path(0);
    assertThat(statement.path("Principal").path("AWS").asText()).isEqualTo("arn:aws:iam::" + PARTNER + ":root");
    assertThat(statement.path("Condition").path("StringEquals").path("sts:ExternalId").asText()).isEqualTo("reporting-7");
    assertThat(aws.iam.listRolePolicies(b -> b.roleName(role)).policyNames())
        .containsExactly("ir-playbooks-revoke-sessions-" + caseId);
    assertThat(roleTags(role)).containsEntry("ir-playbooks:status", "contained");
    assertThat(waiting.path("timeline").findValuesAsText("what")).anyMatch(w -> w.startsWith("Lateral movement"));
    assertThat(waiting.path("evidence").findValuesAsText("name"))
        .contains("pre-containment/trust-policy-" + role + ".json", "investigation/lateral-movement.json");

    assertThat(listener.approve(caseId, "partner confirmed", false).status()).isEqualTo(200);
    JsonNode closed = LocalStack.awaitIncident(listener, caseId, WAIT, s -> "CLOSED".equals(s.path("phase").asText()));
    assertThat(closed.path("outcome").asText()).isEqualTo("RECOVERED");
    assertThat(storedTrust(role)).doesNotContain(FOREIGN);
    for (JsonNode item : closed.path("evidence")) {
      assertThat(aws.sha256Of(item.path("location").asText())).isEqualTo(item.path("sha256").asText());
    }
  }

  @Test
  void falsePositive_restoresTheSavedTrustPolicyExactly() throws Exception {
    String role = "partner-billing-" + System.nanoTime() % 100000;
    String roleArn = seedRole(role);
    String trustBefore = storedTrust(role);
    Map<String, String> tagsBefore = roleTags(role);
    String caseId = startIncident(assumeRoleEvent(roleArn, sessionKey(), Instant.now()));
    LocalStack.awaitIncident(listener, caseId, WAIT, s -> "AWAITING_RECOVERY_APPROVAL".equals(s.path("awaiting").asText()));
    assertThat(storedTrust(role)).doesNotContain(FOREIGN);

    WorkflowClient client = WorkflowClient.newInstance(temporal,
        WorkflowClientOptions.newBuilder().setNamespace(DevStack.NAMESPACE).build());
    client.newWorkflowStub(IncidentWorkflow.class, IncidentIds.workflowId(caseId))
        .markFalsePositive(new FalsePositiveRequest("carol@example.com", "new partner onboarding"));

    JsonNode closed = LocalStack.awaitIncident(listener, caseId, WAIT, s -> "CLOSED".equals(s.path("phase").asText()));
    assertThat(closed.path("outcome").asText()).isEqualTo("FALSE_POSITIVE");
    assertThat(JSON.readTree(storedTrust(role))).isEqualTo(JSON.readTree(trustBefore));
    assertThat(aws.iam.listRolePolicies(b -> b.roleName(role)).policyNames()).isEmpty();
    assertThat(roleTags(role)).isEqualTo(tagsBefore);
  }
}
