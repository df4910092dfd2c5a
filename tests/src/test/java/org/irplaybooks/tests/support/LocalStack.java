package org.irplaybooks.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.irplaybooks.activities.emulator.LoopbackPorts;
import org.irplaybooks.starter.cli.ListenerClient;
import org.irplaybooks.starter.devstack.DevStack;

/** The dev stack as the end-to-end suites use it: free ports, a private state dir, polling helpers. */
public final class LocalStack {
  private LocalStack() {}

  public static DevStack start(Path stateDir) {
    PrintStream progress = System.out;
    return DevStack.start(new DevStack.Options(LoopbackPorts.freePort(), null, null, stateDir), progress);
  }

  public static ListenerClient listener(DevStack stack) {
    return new ListenerClient(stack.listenerUrl(), "x-api-key", stack.apiKey(), stack.approverToken());
  }

  /** Polls the incident through the listener's API until the condition holds. */
  public static JsonNode awaitIncident(ListenerClient listener, String caseId, Duration timeout,
      Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      ListenerClient.Answer answer = listener.incident(caseId);
      if (answer.status() == 200) {
        last = answer.body();
        if (condition.test(last)) return last;
      }
      pause(Duration.ofMillis(100));
    }
    throw new AssertionError("incident " + caseId + " never reached the expected state; last: " + last);
  }

  public static void awaitTrue(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) return;
      pause(Duration.ofMillis(20));
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
