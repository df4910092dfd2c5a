package org.irplaybooks.starter.listener.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.irplaybooks.starter.listener.ListenerApplication;
import org.irplaybooks.starter.listener.ListenerConfiguration;
import org.irplaybooks.workflows.incident.IncidentIds;
import org.irplaybooks.workflows.playbook.IncidentSearchAttributes;

/**
 * One listener on 127.0.0.1 (ephemeral ports) wired to an in-memory Temporal with the fake playbook.
 * A new harness per test: nothing is shared between tests. Start calls are counted on the client
 * the listener uses, so a test can prove that bad input started nothing.
 */
public final class ListenerHarness implements AutoCloseable {
  public static final String API_KEY = "test-key-5f0c9a7e41d2";
  public static final String TASK_QUEUE = "ir-playbooks-test";
  /** Analyst tokens of listener-test.yml. */
  public static final String APPROVER_TOKEN = "approver-token-0123456789";
  public static final String APPROVER = "carol@example.com";
  public static final String VIEWER_TOKEN = "viewer-token-0123456789ab";
  /** An admin known by the AWS principal alice, the subject of the test GuardDuty finding. */
  public static final String SUBJECT_TOKEN = "subject-token-0123456789";

  private final AtomicInteger startCalls = new AtomicInteger();
  private final TestWorkflowEnvironment temporal;
  private final DropwizardTestSupport<ListenerConfiguration> app;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final ObjectMapper mapper = new ObjectMapper();

  public ListenerHarness() throws Exception {
    WorkflowClientOptions clientOptions = WorkflowClientOptions.newBuilder()
        .setInterceptors(new WorkflowClientInterceptorBase() {
          @Override
          public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(WorkflowClientCallsInterceptor next) {
            return new WorkflowClientCallsInterceptorBase(next) {
              @Override
              public WorkflowStartOutput start(WorkflowStartInput input) {
                startCalls.incrementAndGet();
                return super.start(input);
              }
            };
          }
        })
        .build();
    temporal = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setWorkflowClientOptions(clientOptions).build());
    IncidentSearchAttributes.definitions().forEach(temporal::registerSearchAttribute);
    Worker worker = temporal.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(FakeAccessKeyCompromiseWorkflow.class);
    temporal.start();

    WorkflowClient client = temporal.getWorkflowClient();
    app = new DropwizardTestSupport<>(ListenerApplication.class, ResourceHelpers.resourceFilePath("listener-test.yml"),
        ConfigOverride.config("temporal.taskQueue", TASK_QUEUE)) {
      @Override
      public Application<ListenerConfiguration> newApplication() {
        return new ListenerApplication(client);
      }
    };
    try {
      app.before();
    } catch (Exception e) {
      temporal.close();
      throw e;
    }
  }

  /** How many workflow starts the listener attempted. */
  public int startCalls() {
    return startCalls.get();
  }

  public WorkflowClient client() {
    return temporal.getWorkflowClient();
  }

  public WorkflowStub incident(String caseId) {
    return client().newUntypedWorkflowStub(IncidentIds.workflowId(caseId));
  }

  public boolean incidentExists(String caseId) {
    try {
      incident(caseId).describe();
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.getLocalPort() + path);
  }

  public URI adminUri(String path) {
    return URI.create("http://127.0.0.1:" + app.getAdminPort() + path);
  }

  /** A request with the ingestion API key and the approver's analyst token. */
  public HttpRequest.Builder request(String path) {
    return as(APPROVER_TOKEN, path).header("x-api-key", API_KEY);
  }

  /** A request with only the given analyst token. */
  public HttpRequest.Builder as(String token, String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token);
  }

  public HttpResponse<String> postAs(String token, String path, String body) {
    return send(as(token, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public HttpResponse<String> post(String path, String body) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public JsonNode json(HttpResponse<String> response) {
    try {
      return mapper.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  @Override
  public void close() {
    try {
      app.after();
    } finally {
      temporal.close();
    }
  }
}
