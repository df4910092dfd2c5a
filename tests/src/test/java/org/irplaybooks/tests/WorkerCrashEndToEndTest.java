package org.irplaybooks.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.irplaybooks.starter.cli.ListenerClient;
import org.irplaybooks.starter.devstack.DemoChecks;
import org.irplaybooks.starter.devstack.DemoEnvironment;
import org.irplaybooks.starter.devstack.DemoFinding;
import org.irplaybooks.starter.devstack.LatencyProxy;
import org.irplaybooks.tests.support.LocalStack;
import org.irplaybooks.tests.support.RealStackSuite;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;

/**
 * Durability: the worker is killed with SIGKILL while a containment call to AWS is in flight (held
 * by a slow proxy, so the call still reaches AWS after the worker is gone: the worst case for
 * idempotency). A new worker takes over; the incident completes and every side effect happened
 * exactly once.
 */
class WorkerCrashEndToEndTest extends RealStackSuite {
  private static final Duration WAIT = Duration.ofSeconds(120);


  @Test
  void workerKilledDuringContainment_incidentCompletes_withEachSideEffectOnce() {
    DemoEnvironment.Seeded env = stack.seeded();
    try (LatencyProxy slowAws = LatencyProxy.start(stack.awsEndpoint(), Duration.ofMillis(1500), Duration.ZERO, true)) {
      stack.killWorker();
      stack.startWorker(Map.of("IR_AWS_ENDPOINT", slowAws.endpoint().toString()));

      DemoFinding finding = DemoFinding.create(env, Instant.now());
      ListenerClient.Answer posted = listener.postFindings(finding.json());
      assertThat(posted.status()).isEqualTo(202);
      String caseId = posted.body().path("results").path(0).path("caseId").asText();

      // The key's deactivation is on its way to AWS: kill the worker now.
      LocalStack.awaitTrue("UpdateAccessKey in flight", WAIT, () -> slowAws.saw("Action=UpdateAccessKey"));
      stack.killWorker();
      assertThat(stack.worker().isAlive()).isFalse();
      stack.startWorker();

      JsonNode waiting = LocalStack.awaitIncident(listener, caseId, WAIT,
          s -> "AWAITING_RECOVERY_APPROVAL".equals(s.path("awaiting").asText()));
      assertThat(waiting.path("actions").findValuesAsText("status")).doesNotContain("FAILED");
      assertThat(DemoChecks.containment(env.endpoint(), env.userName(), env.accessKeyId(), caseId))
          .allMatch(DemoChecks.Check::ok);

      assertThat(listener.approve(caseId, "after the crash", false).status()).isEqualTo(200);
      JsonNode closed = LocalStack.awaitIncident(listener, caseId, WAIT, s -> "CLOSED".equals(s.path("phase").asText()));
      assertThat(closed.path("outcome").asText()).isEqualTo("RECOVERED");

      // Exactly once: one replacement key, the old key kept inactive, one of each policy, one of each message.
      List<AccessKeyMetadata> keys = aws.iam.listAccessKeys(r -> r.userName(env.userName())).accessKeyMetadata();
      assertThat(keys).hasSize(2);
      assertThat(keys).filteredOn(k -> k.accessKeyId().equals(env.accessKeyId()))
          .singleElement().satisfies(k -> assertThat(k.statusAsString()).isEqualTo("Inactive"));
      List<String> policies = aws.iam.listUserPolicies(r -> r.userName(env.userName())).policyNames();
      assertThat(policies).filteredOn(p -> p.contains(caseId))
          .containsExactlyInAnyOrder("ir-playbooks-revoke-sessions-" + caseId, "ir-playbooks-require-mfa-" + caseId);
      List<String> messages = aws.drainMessages(env.queueUrl());
      assertThat(messages).filteredOn(m -> m.contains("Contained: ")).hasSize(1);
      assertThat(messages).filteredOn(m -> m.contains("Closed: ")).hasSize(1);
      assertThat(closed.path("observations").asInt()).isEqualTo(1);
    }
  }
}
