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
import java.util.Map;
import java.util.stream.Collectors;
import org.irplaybooks.starter.cli.ListenerClient;
import org.irplaybooks.starter.devstack.DemoEnvironment;
import org.irplaybooks.starter.devstack.DemoFinding;
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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The stolen-session-token playbook on the real local stack: an instance role and its instance in
 * moto, a GuardDuty {@code InstanceCredentialExfiltration.OutsideAWS} finding posted over HTTP, the
 * revocation and IMDSv2 checked in the emulator; then recovery (approval lifting the revocation)
 * and, for a second role, a false positive rolled back to exactly the state before.
 */
class StolenSessionTokenEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  @TempDir static Path state;
  static DevStack stack;
  static ListenerClient listener;
  static Emulator aws;
  static Ec2Client ec2;
  static WorkflowServiceStubs temporal;

  @BeforeAll
  static void startStack() {
    stack = LocalStack.start(state);
    listener = LocalStack.listener(stack);
    aws = new Emulator(stack.awsEndpoint());
    ec2 = DemoEnvironment.client(Ec2Client.builder(), stack.awsEndpoint());
    temporal = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporal().target()).build());
  }

  @AfterAll
  static void stopStack() {
    if (temporal != null) temporal.shutdownNow();
    if (ec2 != null) ec2.close();
    if (aws != null) aws.close();
    if (stack != null) stack.close();
  }

  /** A role in an instance profile, and a running instance using it with IMDSv1 allowed. */
  record Workload(String role, String instanceId) {}

  static Workload seedWorkload(String name) {
    aws.iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(TRUST).maxSessionDuration(3600)
        .tags(Tag.builder().key("app").value(name).build()));
    String profile = aws.iam.createInstanceProfile(b -> b.instanceProfileName(name)).instanceProfile().arn();
    aws.iam.addRoleToInstanceProfile(b -> b.instanceProfileName(name).roleName(name));
    String group = ec2.createSecurityGroup(b -> b.groupName(name).description(name)).groupId();
    String instance = ec2.runInstances(b -> b.imageId("ami-12c6146b").instanceType("t3.micro").minCount(1).maxCount(1)
        .securityGroupIds(group).iamInstanceProfile(p -> p.arn(profile))
        .metadataOptions(m -> m.httpTokens(HttpTokensState.OPTIONAL).httpPutResponseHopLimit(2)))
        .instances().get(0).instanceId();
    return new Workload(name, instance);
  }

  /** The GuardDuty event for the role's instance credentials used from outside AWS. */
  static String finding(Workload w, String sessionKey, Instant now) {
    DemoEnvironment.Seeded env = stack.seeded();
    ObjectNode event = DemoFinding.create(env.accountId(), env.region(), sessionKey, "AROAEXAMPLEROLEID0001:" + w.instanceId(),
        w.role(), now, DemoFinding.newFindingId()).event();
    ObjectNode detail = (ObjectNode) event.get("detail");
    detail.put("type", "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS");
    detail.put("title", "Credentials for the EC2 instance role " + w.role() + " used from a remote AWS account.");
    ObjectNode resource = (ObjectNode) detail.get("resource");
    ((ObjectNode) resource.get("accessKeyDetails")).put("userType", "AssumedRole");
    resource.putObject("instanceDetails").put("instanceId", w.instanceId());
    return event.toString();
  }

  private static String startIncident(String eventJson) {
    ListenerClient.Answer posted = listener.postFindings(eventJson);
    assertThat(posted.status()).isEqualTo(202);
    JsonNode result = posted.body().path("results").path(0);
    assertThat(result.path("status").asText()).isEqualTo("started");
    assertThat(result.path("playbook").asText()).isEqualTo("stolen-session-token");
    return result.path("caseId").asText();
  }

  private static Map<String, String> roleTags(String role) {
    return aws.iam.listRoleTags(b -> b.roleName(role)).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }

  private static InstanceMetadataOptionsResponse metadata(String instanceId) {
    return ec2.describeInstances(b -> b.instanceIds(instanceId)).reservations().get(0).instances().get(0).metadataOptions();
  }

  @Test
  void stolenToken_isContained_thenRecoveredWhenTheApproverLiftsTheRevocation() throws Exception {
    Workload w = seedWorkload("web-app-" + System.nanoTime() % 100000);
    String sessionKey = "ASIA" + DemoFinding.newFindingId().substring(0, 16).toUpperCase();
    Instant now = Instant.now();
    stack.seedAttackerActivity(DemoFinding.attackerActivity(sessionKey, w.role(), now.minus(DemoFinding.SEEN_AGO)));
    String caseId = startIncident(finding(w, sessionKey, now));

    JsonNode waiting = LocalStack.awaitIncident(listener, caseId, WAIT,
        s -> "AWAITING_RECOVERY_APPROVAL".equals(s.path("awaiting").asText()));
    for (JsonNode a : waiting.path("actions")) {
      if ("CONTAINMENT".equals(a.path("phase").asText())) {
        assertThat(a.path("status").asText()).as(a.path("name").asText()).isIn("SUCCEEDED", "SKIPPED");
      }
    }
    // The revocation: an inline deny on tokens issued before containment, on the role itself.
    String policy = "ir-playbooks-revoke-sessions-" + caseId;
    JsonNode deny = JSON.readTree(URLDecoder.decode(aws.iam.getRolePolicy(b -> b.roleName(w.role()).policyName(policy))
        .policyDocument(), StandardCharsets.UTF_8)).path("Statement").path(0);
    assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
    Instant cutoff = Instant.parse(deny.path("Condition").path("DateLessThan").path("aws:TokenIssueTime").asText());
    assertThat(cutoff).isBetween(now.minusSeconds(5), Instant.now());
    assertThat(roleTags(w.role())).containsEntry("ir-playbooks:case-id", caseId)
        .containsEntry("ir-playbooks:status", "contained").containsEntry("app", w.role());
    assertThat(metadata(w.instanceId()).httpTokensAsString()).isEqualTo("required");
    assertThat(metadata(w.instanceId()).httpPutResponseHopLimit()).isEqualTo(2);
    assertThat(waiting.path("timeline").findValuesAsText("technique")).contains("T1136.003");
    assertThat(waiting.path("techniques").findValuesAsText("id")).contains("T1552.005", "T1550.001");

    ListenerClient.Answer approval = listener.approve(caseId, "instance patched", false, true);
    assertThat(approval.status()).isEqualTo(200);
    JsonNode closed = LocalStack.awaitIncident(listener, caseId, WAIT, s -> "CLOSED".equals(s.path("phase").asText()));
    assertThat(closed.path("outcome").asText()).isEqualTo("RECOVERED");
    assertThat(aws.iam.listRolePolicies(b -> b.roleName(w.role())).policyNames()).isEmpty();
    assertThat(roleTags(w.role())).containsEntry("ir-playbooks:status", "recovered");
    // IMDSv2 stays required after recovery.
    assertThat(metadata(w.instanceId()).httpTokensAsString()).isEqualTo("required");
    for (JsonNode item : closed.path("evidence")) {
      assertThat(aws.sha256Of(item.path("location").asText())).isEqualTo(item.path("sha256").asText());
    }
    assertThat(closed.path("evidence").findValuesAsText("name"))
        .contains("pre-containment/role-" + w.role() + ".json", "investigation/stolen-key-activity.json");
  }

  @Test
  void falsePositive_restoresRoleAndInstanceExactly() {
    Workload w = seedWorkload("batch-" + System.nanoTime() % 100000);
    var policiesBefore = aws.iam.listRolePolicies(b -> b.roleName(w.role())).policyNames();
    Map<String, String> tagsBefore = roleTags(w.role());
    InstanceMetadataOptionsResponse metadataBefore = metadata(w.instanceId());
    String sessionKey = "ASIA" + DemoFinding.newFindingId().substring(0, 16).toUpperCase();
    String caseId = startIncident(finding(w, sessionKey, Instant.now()));

    LocalStack.awaitIncident(listener, caseId, WAIT, s -> "AWAITING_RECOVERY_APPROVAL".equals(s.path("awaiting").asText()));
    assertThat(metadata(w.instanceId()).httpTokensAsString()).isEqualTo("required");
    assertThat(aws.iam.listRolePolicies(b -> b.roleName(w.role())).policyNames()).hasSize(1);

    // An analyst marks it with the Temporal client, as `temporal workflow signal` would.
    WorkflowClient client = WorkflowClient.newInstance(temporal,
        WorkflowClientOptions.newBuilder().setNamespace(DevStack.NAMESPACE).build());
    client.newWorkflowStub(IncidentWorkflow.class, IncidentIds.workflowId(caseId))
        .markFalsePositive(new FalsePositiveRequest("carol@example.com", "load test from our own range"));

    JsonNode closed = LocalStack.awaitIncident(listener, caseId, WAIT, s -> "CLOSED".equals(s.path("phase").asText()));
    assertThat(closed.path("outcome").asText()).isEqualTo("FALSE_POSITIVE");
    assertThat(aws.iam.listRolePolicies(b -> b.roleName(w.role())).policyNames()).isEqualTo(policiesBefore);
    assertThat(roleTags(w.role())).isEqualTo(tagsBefore);
    assertThat(metadata(w.instanceId())).isEqualTo(metadataBefore);
  }
}
