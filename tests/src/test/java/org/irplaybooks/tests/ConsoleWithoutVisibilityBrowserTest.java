package org.irplaybooks.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.Application;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import org.irplaybooks.starter.listener.ListenerApplication;
import org.irplaybooks.starter.listener.ListenerConfiguration;
import org.irplaybooks.tests.support.Chromium;
import org.irplaybooks.workflows.playbook.IncidentSearchAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console on a Temporal server that cannot list workflows (the Java test server, the dev
 * stack's fallback): the page must say so, not show an empty or wrong list.
 */
class ConsoleWithoutVisibilityBrowserTest {
  private static final String VIEWER_TOKEN = "viewer-token-0123456789ab";

  @TempDir Path browserDir;

  @Test
  void incidentList_onAServerThatCannotList_saysSo() throws Exception {
    try (TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance()) {
      IncidentSearchAttributes.definitions().forEach(temporal::registerSearchAttribute);
      temporal.start();
      WorkflowClient client = temporal.getWorkflowClient();
      DropwizardTestSupport<ListenerConfiguration> listener = new DropwizardTestSupport<>(ListenerApplication.class,
          ResourceHelpers.resourceFilePath("listener-no-visibility.yml")) {
        @Override
        public Application<ListenerConfiguration> newApplication() {
          return new ListenerApplication(client);
        }
      };
      listener.before();
      try (Chromium browser = Chromium.start(browserDir.resolve("profile"))) {
        browser.navigate("http://127.0.0.1:" + listener.getLocalPort() + "/");
        browser.waitFor("the sign-in form", "!document.getElementById('login').hidden", Duration.ofSeconds(30));
        browser.eval("document.getElementById('token').value = '" + VIEWER_TOKEN + "';"
            + " document.getElementById('sign-in').click(); true");
        browser.waitFor("the notice", "document.getElementById('list-message').textContent.includes('cannot list workflows')",
            Duration.ofSeconds(30));

        assertThat(browser.eval("document.getElementById('incidents').hidden").asBoolean()).isTrue();
        assertThat(browser.text("list-message")).contains("open an incident by its case id");
        assertThat(browser.eval("!document.getElementById('open-case').hidden").asBoolean()).isTrue();
        browser.screenshot(Path.of("target", "screenshots", "05-list-on-a-server-that-cannot-list.png"));
      } finally {
        listener.after();
      }
    }
  }
}
