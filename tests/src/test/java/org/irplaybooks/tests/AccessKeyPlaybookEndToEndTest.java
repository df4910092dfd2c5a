package org.irplaybooks.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.irplaybooks.starter.cli.ListenerClient;
import org.irplaybooks.starter.devstack.DemoChecks;
import org.irplaybooks.starter.devstack.DemoEnvironment;
import org.irplaybooks.starter.devstack.DemoFinding;
import org.irplaybooks.tests.support.LocalStack;
import org.irplaybooks.tests.support.RealStackSuite;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.irplaybooks.workflows.incident.CustodyEntry;
import org.irplaybooks.workflows.playbook.IncidentSearchAttributes;
import org.irplaybooks.workflows.playbook.CustodyChain;
import org.junit.jupiter.api.Test;

/**
 * The access-key playbook on the real local stack: Temporal dev server, moto, and the worker and
 * listener as their own processes. Driven only the way a user drives it: HTTP in, AWS state out.
 */
class AccessKeyPlaybookEndToEndTest extends RealStackSuite {
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private static final Duration WAIT = Duration.ofSeconds(90);


  @Test
  void guardDutyFinding_isContained_investigated_andRecoveredAfterApproval() throws Exception {
    DemoEnvironment.Seeded env = stack.seeded();
    DemoFinding finding = DemoFinding.create(env, Instant.now());
    stack.seedAttackerActivity(finding.attackerActivity());

    ListenerClient.Answer posted = listener.postFindings(finding.json());
    assertThat(posted.status()).isEqualTo(202);
    JsonNode result = posted.body().path("results").path(0);
    assertThat(result.path("status").asText()).isEqualTo("started");
    assertThat(result.path("playbook").asText()).isEqualTo("access-key-compromise");
    String caseId = result.path("caseId").asText();

    // Containment, as AWS itself shows it.
    JsonNode waiting = LocalStack.awaitIncident(listener, caseId, WAIT,
        s -> "AWAITING_RECOVERY_APPROVAL".equals(s.path("awaiting").asText()));
    List<DemoChecks.Check> containment = DemoChecks.containment(env.endpoint(), env.userName(), env.accessKeyId(), caseId);
    assertThat(containment).allMatch(DemoChecks.Check::ok, "containment checks " + containment);
    String denyDocument = java.net.URLDecoder.decode(aws.iam.getUserPolicy(r -> r.userName(env.userName())
        .policyName("ir-playbooks-deny-all-" + caseId)).policyDocument(), java.nio.charset.StandardCharsets.UTF_8);
    JsonNode deny = JSON.readTree(denyDocument).path("Statement").path(0);
    assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
    assertThat(deny.path("Action").asText()).isEqualTo("*");
    assertThat(aws.iam.listUserTags(r -> r.userName(env.userName())).tags())
        .anyMatch(t -> t.key().equals("ir-playbooks:case-id") && t.value().equals(caseId));
    // The investigation found the attacker's calls in CloudTrail and mapped them to ATT&CK.
    assertThat(waiting.path("timeline").findValuesAsText("technique")).contains("T1136.003");

    // A second delivery of the same finding joins the incident.
    ListenerClient.Answer again = listener.postFindings(finding.json());
    assertThat(again.body().path("results").path(0).path("status").asText()).isEqualTo("duplicate");
    assertThat(again.body().path("results").path(0).path("caseId").asText()).isEqualTo(caseId);

    ListenerClient.Answer approval = listener.approve(caseId, "owner confirmed", false);
    assertThat(approval.status()).isEqualTo(200);
    assertThat(approval.body().path("decision").asText()).isEqualTo("APPROVED");
    ListenerClient.Answer twice = listener.as(stack.secondApproverToken()).approve(caseId, "again", false);
    assertThat(twice.status()).isEqualTo(409);

    JsonNode closed = LocalStack.awaitIncident(listener, caseId, WAIT, s -> "CLOSED".equals(s.path("phase").asText()));
    assertThat(closed.path("outcome").asText()).isEqualTo("RECOVERED");
    List<DemoChecks.Check> recovery = DemoChecks.recovery(env.endpoint(), env.userName(), env.accessKeyId(), caseId);
    assertThat(recovery).allMatch(DemoChecks.Check::ok, "recovery checks " + recovery);

    // Every evidence object is in the bucket with exactly the hash the incident recorded.
    JsonNode evidence = closed.path("evidence");
    assertThat(evidence.size()).isGreaterThanOrEqualTo(4);
    for (JsonNode item : evidence) {
      assertThat(aws.sha256Of(item.path("location").asText())).as(item.path("location").asText())
          .isEqualTo(item.path("sha256").asText());
    }
    List<CustodyEntry> custody = new ArrayList<>();
    for (JsonNode entry : closed.path("custody")) custody.add(JSON.treeToValue(entry, CustodyEntry.class));
    assertThat(CustodyChain.verify(custody)).isTrue();

    // Findable in the Temporal Web UI: search attributes and memo, through a real visibility query.
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporal().target()).build());
    try {
      WorkflowClient temporal = WorkflowClient.newInstance(stubs);
      String query = "IrCaseId = '" + caseId + "' AND IrPhase = 'CLOSED'";
      LocalStack.awaitTrue("visibility of " + caseId, WAIT, () -> temporal.listExecutions(query).count() == 1);
      WorkflowExecutionMetadata found = temporal.listExecutions(query).findFirst().orElseThrow();
      SearchAttributes attributes = found.getTypedSearchAttributes();
      assertThat(attributes.get(IncidentSearchAttributes.SEVERITY)).isEqualTo("HIGH");
      assertThat(attributes.get(IncidentSearchAttributes.PRINCIPAL)).isEqualTo(env.userName());
      assertThat(attributes.get(IncidentSearchAttributes.ACCOUNT)).isEqualTo(env.accountId());
      assertThat(attributes.get(IncidentSearchAttributes.FINDING_TYPE)).isEqualTo(DemoFinding.TYPE);
      assertThat(attributes.get(IncidentSearchAttributes.PLAYBOOK)).isEqualTo("access-key-compromise");
      assertThat((String) found.getMemo("title", String.class)).isNotBlank();
    } finally {
      stubs.shutdownNow();
    }

    List<String> messages = aws.drainMessages(env.queueUrl());
    // Other scenarios of this class share the topic: count this incident's messages only.
    assertThat(messages).filteredOn(m -> m.contains("Contained: ") && m.contains(caseId)).hasSize(1);
    assertThat(messages).filteredOn(m -> m.contains("Closed: ") && m.contains(caseId)).hasSize(1);
  }

  @Test
  void exposedKeyHealthEvent_andGuardDutyFindingForTheSameKey_areOneIncident() {
    DemoEnvironment.Seeded env = stack.seeded();
    String user = "exposed-" + System.nanoTime() % 100000;
    aws.iam.createUser(r -> r.userName(user));
    String key = aws.iam.createAccessKey(r -> r.userName(user)).accessKey().accessKeyId();
    com.fasterxml.jackson.databind.node.ObjectNode health = JSON.createObjectNode();
    health.put("version", "0").put("id", java.util.UUID.randomUUID().toString()).put("detail-type", "AWS Health Event")
        .put("source", "aws.health").put("account", env.accountId()).put("time", Instant.now().truncatedTo(
            java.time.temporal.ChronoUnit.SECONDS).toString()).put("region", "us-east-1");
    health.putArray("resources");
    com.fasterxml.jackson.databind.node.ObjectNode detail = health.putObject("detail");
    detail.put("eventArn", "arn:aws:health:global::event/RISK/AWS_RISK_CREDENTIALS_EXPOSED/AWS_RISK_CREDENTIALS_EXPOSED_" + user.replace("-", ""))
        .put("service", "RISK").put("eventRegion", "global").put("affectedAccount", env.accountId()).put("eventTypeCode", "AWS_RISK_CREDENTIALS_EXPOSED").put("eventTypeCategory", "issue")
        .put("startTime", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
    detail.putArray("eventDescription").addObject().put("language", "en_US").put("latestDescription", "exposed");
    detail.putArray("affectedEntities").addObject().put("entityValue", key);

    ListenerClient.Answer first = listener.postFindings(health.toString());
    assertThat(first.body().path("results").path(0).path("status").asText()).as(first.body().toString()).isEqualTo("started");
    String caseId = first.body().path("results").path(0).path("caseId").asText();
    LocalStack.awaitIncident(listener, caseId, WAIT, s -> "AWAITING_RECOVERY_APPROVAL".equals(s.path("awaiting").asText()));
    assertThat(aws.iam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata().get(0).statusAsString()).isEqualTo("Inactive");

    DemoFinding guardDuty = DemoFinding.create(env.accountId(), env.region(), key, "AIDAEXPOSEDUSER00001", user,
        Instant.now(), DemoFinding.newFindingId());
    ListenerClient.Answer second = listener.postFindings(guardDuty.json());
    assertThat(second.body().path("results").path(0).path("status").asText()).isEqualTo("duplicate");
    assertThat(second.body().path("results").path(0).path("caseId").asText()).isEqualTo(caseId);
    JsonNode joined = LocalStack.awaitIncident(listener, caseId, WAIT, s -> s.path("observations").asInt() == 2);
    assertThat(joined.path("timeline").findValuesAsText("what"))
        .anyMatch(w -> w.contains("was found publicly exposed"))
        .anyMatch(w -> w.startsWith("Related finding joined the incident: " + DemoFinding.TYPE));
  }

  @Test
  void badRequests_getTheirDocumentedAnswers_onTheRealListener() {
    assertThat(listener.postFindings("{not json").status()).isEqualTo(400);
    ListenerClient wrongKey = new ListenerClient(stack.listenerUrl(), "x-api-key", "wrong", "wrong-token");
    assertThat(wrongKey.postFindings("{}").status()).isEqualTo(401);
    assertThat(listener.incident("IR-000000000000").status()).isEqualTo(404);
    assertThat(wrongKey.incident("IR-000000000000").status()).isEqualTo(401);
    assertThat(listener.as(stack.viewerToken()).approve("IR-000000000000", "x", false).status()).isEqualTo(403);
  }
}
