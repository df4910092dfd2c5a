package org.irplaybooks.tests.support;

import java.nio.file.Path;
import org.irplaybooks.starter.cli.ListenerClient;
import org.irplaybooks.starter.devstack.DevStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real local stack per test class (Temporal dev server, moto, CloudTrail stub, worker and
 * listener processes), in a private state directory, stopped when the class is done.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RealStackSuite {
  @TempDir protected Path state;
  protected DevStack stack;
  protected ListenerClient listener;
  protected Emulator aws;

  @BeforeAll
  void startStack() {
    stack = LocalStack.start(state);
    listener = LocalStack.listener(stack);
    aws = new Emulator(stack.awsEndpoint());
  }

  @AfterAll
  void stopStack() {
    if (aws != null) aws.close();
    if (stack != null) stack.close();
  }
}
