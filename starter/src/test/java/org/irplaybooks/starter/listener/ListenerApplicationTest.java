package org.irplaybooks.starter.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.irplaybooks.starter.listener.parsing.Events;
import org.irplaybooks.starter.listener.support.FakeAccessKeyCompromiseWorkflow;
import org.irplaybooks.starter.listener.support.ListenerHarness;
import org.irplaybooks.workflows.incident.IncidentIds;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.incident.IncidentState;
import org.irplaybooks.workflows.playbook.IncidentSearchAttributes;
import org.irplaybooks.workflows.report.IncidentReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The listener over real HTTP on 127.0.0.1, against an in-memory Temporal running a fake playbook. */
@Timeout(60)
class ListenerApplicationTest {
  /** Access-key incidents are keyed by the key: the GuardDuty finding's key is AKIAIOSFODNN7EXAMPLE. */
  private static final String GD_CASE = IncidentIds.caseId("123456789012", "access-key/AKIAIOSFODNN7EXAMPLE");

  private ListenerHarness listener;

  @BeforeEach
  void start() throws Exception {
    listener = new ListenerHarness();
  }

  @AfterEach
  void stop() {
    listener.close();
  }

  private HttpResponse<String> postFindings(String body) {
    return listener.post("/v1/findings", body);
  }

  private JsonNode assertStatus(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return listener.json(response);
  }

  private void assertNothingStarted() {
    assertThat(listener.startCalls()).as("workflow starts attempted").isZero();
    assertThat(listener.incidentExists(GD_CASE)).isFalse();
  }

  @Test
  void guardDutyFinding_startsThePlaybook() {
    JsonNode body = assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);

    JsonNode result = body.at("/results/0");
    assertThat(body.get("results")).hasSize(1);
    assertThat(result.get("status").asText()).isEqualTo("started");
    assertThat(result.get("caseId").asText()).isEqualTo(GD_CASE);
    assertThat(result.get("workflowId").asText()).isEqualTo("incident-" + GD_CASE);
    assertThat(result.get("playbook").asText()).isEqualTo("access-key-compromise");
    assertThat(result.get("findingId").asText()).isEqualTo("8ac6a3e1f2b04d9a9c5e7f1d2b3c4a5e");
    assertThat(result.get("findingType").asText()).isEqualTo("UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom");

    WorkflowExecutionDescription description = listener.incident(GD_CASE).describe();
    assertThat(description.getWorkflowType()).isEqualTo("AccessKeyCompromise");
    assertThat(description.getTaskQueue()).isEqualTo(ListenerHarness.TASK_QUEUE);
    assertThat(description.getTypedSearchAttributes().get(IncidentSearchAttributes.CASE_ID)).isEqualTo(GD_CASE);
    assertThat(description.getTypedSearchAttributes().get(IncidentSearchAttributes.SEVERITY)).isEqualTo("MEDIUM");
    assertThat(description.getTypedSearchAttributes().get(IncidentSearchAttributes.PHASE)).isEqualTo("TRIAGE");
    assertThat(description.getTypedSearchAttributes().get(IncidentSearchAttributes.PRINCIPAL)).isEqualTo("alice");
    assertThat(description.getTypedSearchAttributes().get(IncidentSearchAttributes.ACCOUNT)).isEqualTo("123456789012");
    assertThat(description.getTypedSearchAttributes().get(IncidentSearchAttributes.PLAYBOOK)).isEqualTo("access-key-compromise");
    assertThat(description.getMemo("title", String.class)).asString().startsWith("API ListBuckets");
    assertThat(description.getStaticSummary()).startsWith(GD_CASE + ": MEDIUM UnauthorizedAccess");

    IncidentState state = listener.incident(GD_CASE).query("state", IncidentState.class);
    assertThat(state.caseId()).isEqualTo(GD_CASE);
    assertThat(state.finding().subject().accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
    assertThat(state.observations()).isEqualTo(1);
  }

  @Test
  void startedIncident_carriesTheConfiguredResponsePolicy() {
    assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);

    var input = listener.client().fetchHistory("incident-" + GD_CASE).getEvents().get(0)
        .getWorkflowExecutionStartedEventAttributes().getInput();
    assertThat(input.getPayloadsCount()).as("workflow arguments").isEqualTo(1);
    IncidentRequest request = DefaultDataConverter.newDefaultInstance()
        .fromPayload(input.getPayloads(0), IncidentRequest.class, IncidentRequest.class);
    assertThat(request.playbook()).isEqualTo("access-key-compromise");
    assertThat(request.policy().approvalTimeout()).isEqualTo(Duration.ofHours(2));
    assertThat(request.policy().closeAfterEscalation()).isEqualTo(Duration.ofHours(10));
    assertThat(request.receivedAt()).isNotNull();
  }

  @Test
  void sameFindingAgain_isDuplicate_andTheIncidentObservesIt() {
    assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);

    JsonNode again = assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);

    assertThat(again.at("/results/0/status").asText()).isEqualTo("duplicate");
    assertThat(again.at("/results/0/caseId").asText()).isEqualTo(GD_CASE);
    assertThat(listener.incident(GD_CASE).query("state", IncidentState.class).observations()).isEqualTo(2);
  }

  @Test
  void securityHubCopy_isADuplicateOfTheGuardDutyFinding() {
    assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);

    JsonNode copy = assertStatus(postFindings(Events.text(Events.SECURITY_HUB_COPY)), 202);

    assertThat(copy.at("/results/0/status").asText()).isEqualTo("duplicate");
    assertThat(copy.at("/results/0/caseId").asText()).isEqualTo(GD_CASE);
    assertThat(listener.incident(GD_CASE).query("state", IncidentState.class).observations()).isEqualTo(2);
  }

  @Test
  void healthExposureAndGuardDutyFinding_forTheSameKey_areOneIncident() {
    ObjectNode health = Events.json(Events.HEALTH);
    ((ObjectNode) health.at("/detail/affectedEntities/0")).put("entityValue", "AKIAIOSFODNN7EXAMPLE");

    JsonNode first = assertStatus(postFindings(health.toString()), 202);
    JsonNode second = assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);

    assertThat(first.at("/results/0/status").asText()).isEqualTo("started");
    assertThat(first.at("/results/0/caseId").asText()).isEqualTo(GD_CASE);
    assertThat(second.at("/results/0/status").asText()).isEqualTo("duplicate");
    assertThat(second.at("/results/0/caseId").asText()).isEqualTo(GD_CASE);
    assertThat(listener.incident(GD_CASE).query("state", IncidentState.class).observations()).isEqualTo(2);
  }

  @Test
  void arrayOfEvents_answersOneResultPerFinding() {
    String batch = "[" + Events.text(Events.GUARDDUTY) + "," + Events.text(Events.HEALTH) + ","
        + Events.text(Events.CLOUDTRAIL) + "," + Events.text(Events.SECURITY_HUB_COPY) + "]";

    JsonNode body = assertStatus(postFindings(batch), 202);

    assertThat(body.get("results")).extracting(r -> r.get("status").asText())
        .containsExactly("started", "started", "ignored", "duplicate");
    assertThat(body.at("/results/1/findingType").asText()).isEqualTo("AWS_RISK_CREDENTIALS_EXPOSED");
    assertThat(body.at("/results/2/reason").asText()).contains("CloudTrail:StopLogging");
    assertThat(listener.startCalls()).isEqualTo(3);
  }

  @Test
  void unhandledFindingType_isIgnoredNamingTheType() {
    ObjectNode event = Events.json(Events.GUARDDUTY);
    Events.at(event, "detail").put("type", "Recon:EC2/PortProbeUnprotectedPort");

    JsonNode body = assertStatus(postFindings(event.toString()), 202);

    assertThat(body.at("/results/0/status").asText()).isEqualTo("ignored");
    assertThat(body.at("/results/0/reason").asText()).contains("Recon:EC2/PortProbeUnprotectedPort");
    assertThat(body.at("/results/0/caseId").isNull()).isTrue();
    assertNothingStarted();
  }

  @Test
  void malformedJson_is400WithTheParsersReason() {
    String truncated = Events.text(Events.GUARDDUTY).substring(0, 200);

    JsonNode body = assertStatus(postFindings(truncated), 400);

    assertThat(body.get("code").asInt()).isEqualTo(400);
    assertThat(body.get("error").asText()).startsWith("malformed JSON");
    assertNothingStarted();
  }

  @Test
  void duplicateKeysInJson_are400() {
    JsonNode body = assertStatus(postFindings("{\"detail-type\":\"GuardDuty Finding\",\"detail-type\":\"x\"}"), 400);

    assertThat(body.get("error").asText()).contains("Duplicate field");
    assertNothingStarted();
  }

  @Test
  void severityAsString_is422NamingTheField() {
    ObjectNode event = Events.json(Events.GUARDDUTY);
    Events.at(event, "detail").put("severity", "abc");

    JsonNode body = assertStatus(postFindings(event.toString()), 422);

    assertThat(body.get("code").asInt()).isEqualTo(422);
    assertThat(body.get("field").asText()).isEqualTo("detail.severity");
    assertThat(body.get("error").asText()).isEqualTo("detail.severity: must be a number");
    assertNothingStarted();
  }

  @Test
  void shortAccountId_is422NamingTheField() {
    ObjectNode event = Events.json(Events.GUARDDUTY);
    Events.at(event, "detail").put("accountId", "12");

    JsonNode body = assertStatus(postFindings(event.toString()), 422);

    assertThat(body.get("error").asText()).isEqualTo("detail.accountId: not a 12-digit AWS account id");
    assertNothingStarted();
  }

  @Test
  void unsupportedDetailType_is422NamingDetailType() {
    ObjectNode event = Events.json(Events.GUARDDUTY);
    event.put("detail-type", "EC2 Instance State-change Notification");

    JsonNode body = assertStatus(postFindings(event.toString()), 422);

    assertThat(body.get("field").asText()).isEqualTo("detail-type");
    assertThat(body.get("error").asText()).contains("unsupported detail-type");
    assertNothingStarted();
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice\"},{\"Effect\":\"Allow", "../../etc", "*", "\u0430lice", "alice\u200B"})
  void injectionInUserName_is422AndStartsNothing(String userName) {
    ObjectNode event = Events.json(Events.GUARDDUTY);
    Events.at(event, "detail", "resource", "accessKeyDetails").put("userName", userName);

    JsonNode body = assertStatus(postFindings(event.toString()), 422);

    assertThat(body.get("error").asText())
        .isEqualTo("detail.resource.accessKeyDetails.userName: not a valid IAM user name");
    assertNothingStarted();
  }

  @Test
  void oneBadEventInABatch_startsNoneOfThem() {
    ObjectNode bad = Events.json(Events.HEALTH);
    ((ObjectNode) bad.at("/detail/affectedEntities/0")).put("entityValue", "not-a-key");
    String batch = "[" + Events.text(Events.GUARDDUTY) + "," + bad + "]";

    JsonNode body = assertStatus(postFindings(batch), 422);

    assertThat(body.get("field").asText()).isEqualTo("[1].detail.affectedEntities[0].entityValue");
    assertNothingStarted();
  }

  @Test
  void oversizedBody_withContentLength_is413() {
    String big = "[" + (Events.text(Events.GUARDDUTY) + ",").repeat(40) + Events.text(Events.GUARDDUTY) + "]";
    assertThat(big.length()).isGreaterThan(65536);

    JsonNode body = assertStatus(postFindings(big), 413);

    assertThat(body.get("code").asInt()).isEqualTo(413);
    assertNothingStarted();
  }

  @Test
  void oversizedBody_chunked_is413() {
    byte[] big = ("[" + (Events.text(Events.GUARDDUTY) + ",").repeat(40) + Events.text(Events.GUARDDUTY) + "]")
        .getBytes(StandardCharsets.UTF_8);
    HttpRequest request = listener.request("/v1/findings").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();

    HttpResponse<String> response = listener.send(request);

    assertStatus(response, 413);
    assertNothingStarted();
  }

  @Test
  void missingApiKey_is401() {
    HttpRequest request = HttpRequest.newBuilder(listener.uri("/v1/findings"))
        .POST(HttpRequest.BodyPublishers.ofString(Events.text(Events.GUARDDUTY))).build();

    JsonNode body = assertStatus(listener.send(request), 401);

    assertThat(body.get("code").asInt()).isEqualTo(401);
    assertNothingStarted();
  }

  @Test
  void wrongApiKey_is401_andTheApiKeyDoesNotOpenTheIncidentApi() {
    HttpRequest findings = HttpRequest.newBuilder(listener.uri("/v1/findings")).header("x-api-key", "wrong")
        .POST(HttpRequest.BodyPublishers.ofString(Events.text(Events.GUARDDUTY))).build();
    HttpRequest stateWithKey = HttpRequest.newBuilder(listener.uri("/v1/incidents/" + GD_CASE))
        .header("x-api-key", ListenerHarness.API_KEY).GET().build();
    HttpRequest wrongToken = listener.as(ListenerHarness.APPROVER_TOKEN + "x", "/v1/incidents/" + GD_CASE).GET().build();
    HttpRequest approve = HttpRequest.newBuilder(listener.uri("/v1/incidents/" + GD_CASE + "/approve"))
        .header("x-api-key", ListenerHarness.API_KEY)
        .POST(HttpRequest.BodyPublishers.ofString("{\"comment\":\"x\"}")).build();
    HttpRequest disabled = listener.as("", "/v1/incidents").GET().build();

    assertStatus(listener.send(findings), 401);
    HttpResponse<String> keyOnly = listener.send(stateWithKey);
    assertStatus(keyOnly, 401);
    assertThat(keyOnly.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertStatus(listener.send(wrongToken), 401);
    assertStatus(listener.send(approve), 401);
    assertStatus(listener.send(disabled), 401);
    assertNothingStarted();
  }

  @Test
  void incidentState_isReturnedAsJson() {
    assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);

    JsonNode state = assertStatus(listener.get("/v1/incidents/" + GD_CASE), 200);

    assertThat(state.get("caseId").asText()).isEqualTo(GD_CASE);
    assertThat(state.get("playbook").asText()).isEqualTo("access-key-compromise");
    assertThat(state.get("awaiting").asText()).isEqualTo("AWAITING_RECOVERY_APPROVAL");
    assertThat(state.at("/finding/findingType").asText()).isEqualTo("UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom");
    assertThat(state.at("/finding/firstSeen").asText()).isEqualTo("2025-03-14T09:05:41Z");
    assertThat(state.get("observations").asInt()).isEqualTo(1);
  }

  @Test
  void unknownOrMalformedCaseId_is404() {
    JsonNode unknown = assertStatus(listener.get("/v1/incidents/IR-000000000000"), 404);
    JsonNode malformed = assertStatus(listener.get("/v1/incidents/IR-XYZ"), 404);
    // Jetty itself refuses an encoded slash before Jersey sees the path; still JSON.
    JsonNode traversal = assertStatus(listener.get("/v1/incidents/IR-..%2F..%2Fetc"), 400);
    JsonNode noRoute = assertStatus(listener.get("/v1/nothing-here"), 404);

    assertThat(unknown.get("error").asText()).contains("IR-000000000000");
    assertThat(malformed.get("code").asInt()).isEqualTo(404);
    assertThat(noRoute.get("code").asInt()).isEqualTo(404);
    assertThat(traversal.get("code").asInt()).isEqualTo(400);
  }

  @Test
  void approve_returnsTheDecision_thenTheValidatorRefusesASecondOne() {
    assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);
    // A name in the body is not who approves: the token says who.
    String approve = "{\"approver\":\"someone-else\",\"comment\":\"key rotated\",\"deleteCompromisedKey\":true}";

    JsonNode decision = assertStatus(listener.post("/v1/incidents/" + GD_CASE + "/approve", approve), 200);
    JsonNode second = assertStatus(listener.post("/v1/incidents/" + GD_CASE + "/approve", approve), 409);

    assertThat(decision.get("caseId").asText()).isEqualTo(GD_CASE);
    assertThat(decision.get("decision").asText()).isEqualTo("APPROVED");
    assertThat(decision.get("stage").asText()).isEqualTo("AWAITING_RECOVERY_APPROVAL");
    assertThat(decision.get("message").asText()).isEqualTo("approved by " + ListenerHarness.APPROVER + "; key will be deleted");
    assertThat(second.get("error").asText()).isEqualTo("incident " + GD_CASE + " is " + FakeAccessKeyCompromiseWorkflow.NOT_AWAITING);
  }

  @Test
  void reject_closesTheIncident_thenDecisionsAre409Closed() throws Exception {
    assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);

    JsonNode decision = assertStatus(listener.post("/v1/incidents/" + GD_CASE + "/reject",
        "{\"comment\":\"expected pentest\"}"), 200);
    listener.incident(GD_CASE).getResult(10, TimeUnit.SECONDS,
        IncidentReport.class);
    JsonNode afterClose = assertStatus(listener.post("/v1/incidents/" + GD_CASE + "/approve",
        "{}"), 409);

    assertThat(decision.get("decision").asText()).isEqualTo("REJECTED");
    assertThat(listener.incident(GD_CASE).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(afterClose.get("error").asText()).contains("is closed");
  }

  @Test
  void findingAfterTheIncidentClosed_isStillDuplicate() throws Exception {
    assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);
    assertStatus(listener.post("/v1/incidents/" + GD_CASE + "/reject",
        "{\"comment\":\"false alarm\"}"), 200);
    listener.incident(GD_CASE).getResult(10, TimeUnit.SECONDS,
        IncidentReport.class);

    JsonNode again = assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);

    assertThat(again.at("/results/0/status").asText()).isEqualTo("duplicate");
    assertThat(again.at("/results/0/reason").asText()).contains("closed");
  }

  @Test
  void rejectWithoutComment_is422_badFlag_is422() {
    assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);

    JsonNode noComment = assertStatus(listener.post("/v1/incidents/" + GD_CASE + "/reject", "{}"), 422);
    JsonNode noFpComment = assertStatus(listener.post("/v1/incidents/" + GD_CASE + "/false-positive", "{\"comment\":\" \"}"), 422);
    JsonNode badFlag = assertStatus(listener.post("/v1/incidents/" + GD_CASE + "/approve",
        "{\"deleteCompromisedKey\":\"yes\"}"), 422);

    assertThat(noComment.get("field").asText()).isEqualTo("comment");
    assertThat(noFpComment.get("field").asText()).isEqualTo("comment");
    assertThat(badFlag.get("field").asText()).isEqualTo("deleteCompromisedKey");
    assertThat(listener.incident(GD_CASE).query("state", IncidentState.class).decisions()).isEmpty();
  }

  @Test
  void viewer_readsTheIncident_butEveryDecisionIs403() {
    assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);
    String path = "/v1/incidents/" + GD_CASE;

    assertStatus(listener.send(listener.as(ListenerHarness.VIEWER_TOKEN, path).GET().build()), 200);
    JsonNode approve = assertStatus(listener.postAs(ListenerHarness.VIEWER_TOKEN, path + "/approve", "{}"), 403);
    assertStatus(listener.postAs(ListenerHarness.VIEWER_TOKEN, path + "/reject", "{\"comment\":\"no\"}"), 403);
    assertStatus(listener.postAs(ListenerHarness.VIEWER_TOKEN, path + "/false-positive", "{\"comment\":\"no\"}"), 403);

    assertThat(approve.get("error").asText()).contains("victor@example.com").contains("approver");
    assertThat(listener.incident(GD_CASE).query("state", IncidentState.class).decisions()).isEmpty();
  }

  @Test
  void analystWhoIsTheSubject_cannotApproveRejectOrMarkFalsePositive() {
    assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);
    String path = "/v1/incidents/" + GD_CASE;

    JsonNode approve = assertStatus(listener.postAs(ListenerHarness.SUBJECT_TOKEN, path + "/approve", "{}"), 403);
    assertStatus(listener.postAs(ListenerHarness.SUBJECT_TOKEN, path + "/reject", "{\"comment\":\"no\"}"), 403);
    assertStatus(listener.postAs(ListenerHarness.SUBJECT_TOKEN, path + "/false-positive", "{\"comment\":\"no\"}"), 403);

    assertThat(approve.get("error").asText()).isEqualTo("alice@example.com is the subject of incident " + GD_CASE
        + " and cannot decide on it");
    assertThat(listener.incident(GD_CASE).query("state", IncidentState.class).decisions()).isEmpty();
  }

  @Test
  void falsePositive_isSignalledWithTheAnalystAndComment() throws Exception {
    assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);

    JsonNode answer = assertStatus(listener.post("/v1/incidents/" + GD_CASE + "/false-positive",
        "{\"comment\":\"red-team exercise\"}"), 202);
    IncidentReport report = listener.incident(GD_CASE).getResult(10, TimeUnit.SECONDS, IncidentReport.class);
    JsonNode again = assertStatus(listener.post("/v1/incidents/" + GD_CASE + "/false-positive",
        "{\"comment\":\"again\"}"), 409);

    assertThat(answer.get("by").asText()).isEqualTo(ListenerHarness.APPROVER);
    assertThat(report.incident().decisions()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo("FALSE_POSITIVE");
      assertThat(d.by()).isEqualTo(ListenerHarness.APPROVER);
      assertThat(d.comment()).isEqualTo("red-team exercise");
    });
    assertThat(again.get("error").asText()).contains("CLOSED");
  }

  @Test
  void report_isTextMarkdownOrJson_byAccept() {
    assertStatus(postFindings(Events.text(Events.GUARDDUTY)), 202);
    String path = "/v1/incidents/" + GD_CASE + "/report";

    HttpResponse<String> text = listener.send(listener.as(ListenerHarness.VIEWER_TOKEN, path).header("Accept", "text/plain").GET().build());
    HttpResponse<String> markdown = listener.send(listener.as(ListenerHarness.VIEWER_TOKEN, path).header("Accept", "text/markdown").GET().build());
    HttpResponse<String> json = listener.send(listener.as(ListenerHarness.VIEWER_TOKEN, path).header("Accept", "application/json").GET().build());
    HttpResponse<String> unknown = listener.send(listener.as(ListenerHarness.VIEWER_TOKEN, "/v1/incidents/IR-000000000000/report").GET().build());

    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(text.body()).contains(GD_CASE).doesNotStartWith("#").doesNotStartWith("{");
    assertThat(markdown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/markdown"));
    assertThat(markdown.body()).startsWith("#").contains(GD_CASE);
    assertThat(listener.json(json).at("/incident/caseId").asText()).isEqualTo(GD_CASE);
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void list_onAServerThatCannotList_is501SayingSo() {
    JsonNode body = assertStatus(listener.send(listener.as(ListenerHarness.VIEWER_TOKEN, "/v1/incidents?status=open").GET().build()), 501);

    assertThat(body.get("error").asText()).contains("cannot list workflows");
  }

  @ParameterizedTest
  @ValueSource(strings = {"severity=CRITICAL%22%20OR%20%221%22=%221", "phase=NOPE", "account=12345", "playbook=A%22", "status=all", "limit=0"})
  void list_withABadFilter_is422BeforeAnyQuery(String filter) {
    JsonNode body = assertStatus(listener.send(listener.as(ListenerHarness.VIEWER_TOKEN, "/v1/incidents?" + filter).GET().build()), 422);

    assertThat(body.get("field").asText()).isEqualTo(filter.substring(0, filter.indexOf('=')));
  }

  @Test
  void me_namesTheAnalyst_rolesAndTheWebUi() {
    JsonNode me = assertStatus(listener.send(listener.as(ListenerHarness.VIEWER_TOKEN, "/v1/me").GET().build()), 200);

    assertThat(me.get("name").asText()).isEqualTo("victor@example.com");
    assertThat(me.get("roles").get(0).asText()).isEqualTo("viewer");
    assertThat(me.get("temporalWebUiUrl").asText()).isEqualTo("http://127.0.0.1:8233");
    assertThat(me.get("namespace").asText()).isEqualTo("default");
  }

  @Test
  void console_isServedWithoutAToken_underAStrictContentSecurityPolicy() {
    HttpResponse<String> page = listener.send(HttpRequest.newBuilder(listener.uri("/")).GET().build());
    HttpResponse<String> script = listener.send(HttpRequest.newBuilder(listener.uri("/console/app.js")).GET().build());
    HttpResponse<String> other = listener.send(HttpRequest.newBuilder(listener.uri("/console/secret.txt")).GET().build());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v ->
        assertThat(v).contains("script-src 'self'").doesNotContain("unsafe-inline"));
    assertThat(page.body()).contains("<script src=\"/console/app.js\"");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    assertThat(other.statusCode()).isEqualTo(404);
  }

  @Test
  void temporalHealthCheck_isRegisteredAndHealthy() {
    HttpResponse<String> response = listener.send(HttpRequest.newBuilder(listener.adminUri("/healthcheck")).GET().build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(listener.json(response).at("/temporal/healthy").asBoolean()).isTrue();
  }
}
