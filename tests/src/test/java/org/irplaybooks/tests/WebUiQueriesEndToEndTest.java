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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.irplaybooks.starter.cli.ListenerClient;
import org.irplaybooks.starter.devstack.DemoFinding;
import org.irplaybooks.starter.devstack.DevStack;
import org.irplaybooks.tests.support.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Temporal Web UI queries docs/console.md gives analysts, run on the real dev server against
 * incidents opened by posted findings; and the listener's list API, which builds the same queries.
 */
class WebUiQueriesEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String ACCOUNT_A = "111111111111";
  private static final String ACCOUNT_B = "222222222222";

  /** The queries exactly as docs/console.md prints them. */
  static final String OPEN_CRITICAL = "IrSeverity = \"CRITICAL\" AND ExecutionStatus = \"Running\"";
  static final String AWAITING_APPROVAL = "IrPhase IN (\"AWAITING_CONTAINMENT_APPROVAL\", \"AWAITING_RECOVERY_APPROVAL\")";
  static final String CRITICAL_AWAITING_RECOVERY = "IrSeverity = \"CRITICAL\" AND IrPhase = \"AWAITING_RECOVERY_APPROVAL\"";
  static final String ONE_ACCOUNT = "IrAccount = \"" + ACCOUNT_B + "\"";
  static final String CLOSED = "IrPhase = \"CLOSED\"";

  @TempDir static Path state;
  static DevStack stack;
  static ListenerClient listener;
  static WorkflowServiceStubs stubs;
  static WorkflowClient temporal;
  static final Map<String, String> cases = new LinkedHashMap<>();

  @BeforeAll
  static void startStackAndOpenIncidents() {
    stack = LocalStack.start(state);
    listener = LocalStack.listener(stack);
    stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget(stack.temporal().target()).build());
    temporal = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(DevStack.NAMESPACE).build());

    cases.put("criticalA", post(ACCOUNT_A, "crit-a", "AKIAQQQQQQQQQQQQQQQ1", 9.5));
    cases.put("highA", post(ACCOUNT_A, "high-a", "AKIAQQQQQQQQQQQQQQQ2", 8.0));
    cases.put("mediumB", post(ACCOUNT_B, "medium-b", "AKIAQQQQQQQQQQQQQQQ3", 5.0));
    cases.put("criticalB", post(ACCOUNT_B, "crit-b", "AKIAQQQQQQQQQQQQQQQ4", 9.9));
    for (String name : List.of("criticalA", "highA", "criticalB")) {
      LocalStack.awaitIncident(listener, cases.get(name), WAIT,
          s -> "AWAITING_RECOVERY_APPROVAL".equals(s.path("awaiting").asText()));
    }
    LocalStack.awaitIncident(listener, cases.get("mediumB"), WAIT,
        s -> "AWAITING_CONTAINMENT_APPROVAL".equals(s.path("awaiting").asText()));
    assertThat(listener.reject(cases.get("criticalB"), "known red-team account").status()).isEqualTo(200);
    LocalStack.awaitIncident(listener, cases.get("criticalB"), WAIT, s -> "CLOSED".equals(s.path("phase").asText()));
  }

  @AfterAll
  static void stop() {
    if (stubs != null) stubs.shutdownNow();
    if (stack != null) stack.close();
  }

  private static String post(String account, String user, String key, double severity) {
    ObjectNode event = (ObjectNode) read(DemoFinding.create(account, "us-east-1", key, "AIDAQQQQQQQQ" + user.length(),
        user, Instant.now(), DemoFinding.newFindingId()).json());
    ((ObjectNode) event.get("detail")).put("severity", severity);
    ListenerClient.Answer answer = listener.postFindings(event.toString());
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
    return answer.body().path("results").path(0).path("caseId").asText();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Case ids the query finds once visibility has caught up with the expected set (or its last answer). */
  private static Set<String> visible(String query, Set<String> expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Set<String> found = Set.of();
    while (System.nanoTime() < deadline) {
      found = temporal.listExecutions(query)
          .map(e -> e.getExecution().getWorkflowId().substring("incident-".length()))
          .collect(Collectors.toCollection(TreeSet::new));
      if (found.equals(expected)) return found;
      LocalStack.pause(Duration.ofMillis(200));
    }
    return found;
  }

  private static Set<String> casesOf(String... names) {
    Set<String> ids = new TreeSet<>();
    for (String n : names) ids.add(cases.get(n));
    return ids;
  }

  @Test
  void openCriticalIncidents() {
    assertThat(visible(OPEN_CRITICAL, casesOf("criticalA"))).isEqualTo(casesOf("criticalA"));
  }

  @Test
  void incidentsAwaitingApproval_atEitherGate() {
    Set<String> expected = casesOf("criticalA", "highA", "mediumB");
    assertThat(visible(AWAITING_APPROVAL, expected)).isEqualTo(expected);
  }

  @Test
  void criticalIncidentsAwaitingRecoveryApproval() {
    assertThat(visible(CRITICAL_AWAITING_RECOVERY, casesOf("criticalA"))).isEqualTo(casesOf("criticalA"));
  }

  @Test
  void incidentsOfOneAccount_openAndClosed() {
    Set<String> expected = casesOf("mediumB", "criticalB");
    assertThat(visible(ONE_ACCOUNT, expected)).isEqualTo(expected);
    assertThat(visible(CLOSED, casesOf("criticalB"))).isEqualTo(casesOf("criticalB"));
  }

  @Test
  void listenerList_appliesTheSameFilters_newestFirst() {
    JsonNode byAccount = awaitList(listener, Map.of("account", ACCOUNT_B), 2);
    JsonNode openCritical = awaitList(listener, Map.of("status", "open", "severity", "CRITICAL"), 1);
    JsonNode viewer = awaitList(listener.as(stack.viewerToken()), Map.of("phase", "AWAITING_CONTAINMENT_APPROVAL"), 1);

    assertThat(caseIds(byAccount)).containsExactly(cases.get("criticalB"), cases.get("mediumB"));
    assertThat(byAccount.path("incidents").path(0).path("status").asText()).isEqualTo("COMPLETED");
    assertThat(byAccount.path("incidents").path(1).path("phase").asText()).isEqualTo("AWAITING_CONTAINMENT_APPROVAL");
    assertThat(caseIds(openCritical)).containsExactly(cases.get("criticalA"));
    assertThat(caseIds(viewer)).containsExactly(cases.get("mediumB"));
    assertThat(listener.incidents(Map.of("severity", "CRITICAL\" OR IrSeverity != \"x")).status()).isEqualTo(422);
  }

  /** The list once it holds the expected number of rows (visibility lags the workflows a little). */
  private static JsonNode awaitList(ListenerClient client, Map<String, String> filters, int rows) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      ListenerClient.Answer answer = client.incidents(filters);
      assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
      last = answer.body();
      if (last.path("incidents").size() == rows) return last;
      LocalStack.pause(Duration.ofMillis(200));
    }
    return last;
  }

  private static List<String> caseIds(JsonNode list) {
    List<String> ids = new ArrayList<>();
    for (JsonNode row : list.path("incidents")) ids.add(row.path("caseId").asText());
    return ids;
  }
}
