package org.irplaybooks.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.irplaybooks.starter.cli.ListenerClient;
import org.irplaybooks.starter.devstack.DemoEnvironment;
import org.irplaybooks.starter.devstack.DemoFinding;
import org.irplaybooks.starter.devstack.DevStack;
import org.irplaybooks.tests.support.Chromium;
import org.irplaybooks.tests.support.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident console in headless Chromium, on the real local stack: an analyst signs in with a
 * token, finds the incident a posted finding opened in the list, opens it, approves recovery with
 * the button, and watches it close. A screenshot of each page goes to target/screenshots/.
 */
class IncidentConsoleBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir static Path state;
  @TempDir static Path browserDir;
  static DevStack stack;
  static ListenerClient listener;

  @BeforeAll
  static void startStack() {
    stack = LocalStack.start(state);
    listener = LocalStack.listener(stack);
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) stack.close();
  }

  @Test
  void analyst_findsTheIncident_approvesItInTheBrowser_andSeesItClose() throws Exception {
    DemoEnvironment.Seeded env = stack.seeded();
    DemoFinding finding = DemoFinding.create(env, Instant.now());
    stack.seedAttackerActivity(finding.attackerActivity());
    ListenerClient.Answer posted = listener.postFindings(finding.json());
    assertThat(posted.status()).isEqualTo(202);
    String caseId = posted.body().path("results").path(0).path("caseId").asText();
    Files.createDirectories(SCREENSHOTS);

    try (Chromium browser = Chromium.start(browserDir.resolve("profile"))) {
      browser.navigate(stack.listenerUrl() + "/");
      browser.waitFor("the sign-in form", "!document.getElementById('login').hidden", WAIT);
      browser.screenshot(SCREENSHOTS.resolve("01-sign-in.png"));

      browser.eval("document.getElementById('token').value = " + JSON.valueToTree(stack.approverToken()) + ";"
          + " document.getElementById('sign-in').click(); true");
      browser.waitFor("the incident in the list (from Temporal visibility)",
          "document.querySelector('#incident-rows tr[data-case=\"" + caseId + "\"]')", WAIT);
      assertThat(browser.text("who")).contains(DevStack.APPROVER).contains("approver");
      assertThat(browser.text("incident-rows")).contains("access-key-compromise").contains(env.userName());
      browser.screenshot(SCREENSHOTS.resolve("02-incident-list.png"));

      browser.eval("document.querySelector('#incident-rows tr[data-case=\"" + caseId + "\"] a').click(); true");
      browser.waitFor("the incident awaiting recovery approval, approve button enabled",
          "document.getElementById('i-awaiting').textContent.startsWith('AWAITING_RECOVERY_APPROVAL')"
              + " && !document.getElementById('btn-approve').disabled"
              + " && document.getElementById('i-report').textContent.includes('" + caseId + "')", WAIT);
      assertThat(browser.text("i-case")).isEqualTo(caseId);
      assertThat(browser.text("i-actions")).contains("SUCCEEDED");
      assertThat(browser.text("i-evidence")).containsPattern("[0-9a-f]{64}");
      assertThat(browser.text("i-techniques")).contains("T1078.004");
      assertThat(browser.eval("document.getElementById('i-webui').href").asText())
          .startsWith(stack.temporal().webUiUrl().orElseThrow()).endsWith("/workflows/incident-" + caseId);
      browser.screenshot(SCREENSHOTS.resolve("03-incident-awaiting-approval.png"));

      browser.eval("document.getElementById('btn-approve').click(); true");
      browser.waitFor("the comment form", "!document.getElementById('decision').hidden", WAIT);
      browser.eval("document.getElementById('decision-comment').value = 'owner confirmed by phone';"
          + " document.getElementById('decision-confirm').click(); true");
      browser.waitFor("the approval's answer", "document.getElementById('decision-message').textContent.startsWith('APPROVED')", WAIT);
      browser.waitFor("the incident to close", "document.getElementById('i-phase').textContent === 'CLOSED'", WAIT);
      assertThat(browser.text("i-outcome")).isEqualTo("RECOVERED");
      browser.waitFor("the final report", "document.getElementById('i-report').textContent.includes('RECOVERED')", WAIT);
      assertThat(browser.text("i-decisions")).contains(DevStack.APPROVER).contains("owner confirmed by phone");
      assertThat(browser.eval("document.getElementById('btn-approve').disabled").asBoolean()).isTrue();
      browser.screenshot(SCREENSHOTS.resolve("04-incident-closed.png"));
    }

    JsonNode closed = listener.incident(caseId).body();
    assertThat(closed.path("outcome").asText()).isEqualTo("RECOVERED");
    assertThat(closed.path("decisions").path(0).path("by").asText()).isEqualTo(DevStack.APPROVER);
    assertThat(closed.path("decisions").path(0).path("comment").asText()).isEqualTo("owner confirmed by phone");
    assertThat(SCREENSHOTS.resolve("04-incident-closed.png")).isNotEmptyFile();
  }
}
