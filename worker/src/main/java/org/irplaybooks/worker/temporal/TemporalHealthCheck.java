package org.irplaybooks.worker.temporal;

import com.codahale.metrics.health.HealthCheck;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Healthy when the Temporal frontend answers {@code GetSystemInfo} within the timeout. */
public class TemporalHealthCheck extends HealthCheck {
  public static final String NAME = "temporal";

  private final WorkflowServiceStubs stubs;
  private final String target;
  private final Duration timeout;

  public TemporalHealthCheck(WorkflowServiceStubs stubs, String target, Duration timeout) {
    this.stubs = stubs;
    this.target = target;
    this.timeout = timeout;
  }

  @Override
  protected Result check() {
    try {
      GetSystemInfoResponse info = stubs.blockingStub()
          .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return Result.healthy("Temporal at %s answers (server %s)", target,
          info.getServerVersion().isEmpty() ? "version not reported" : info.getServerVersion());
    } catch (StatusRuntimeException e) {
      // The status code and its description are enough; the cause chain may carry channel details.
      return Result.unhealthy("Temporal at %s does not answer: %s", target, e.getStatus().getCode());
    }
  }
}
