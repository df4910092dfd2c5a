package org.irplaybooks.workflows.playbook;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import org.irplaybooks.workflows.ports.FailureType;

/**
 * Activity options, in one place. Retries are bounded so that an AWS call that keeps failing ends
 * as a failed step in the report rather than an incident that never progresses; the failure types
 * of {@link FailureType} are final and never retried.
 */
public final class ActivityDefaults {

  /** A single AWS API call (IAM, S3, Secrets Manager). The SDK's own call timeout stays below 30 s. */
  public static final ActivityOptions AWS_CALL = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofMillis(500))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofSeconds(20))
          .setMaximumAttempts(8)
          .setDoNotRetry(FailureType.names())
          .build())
      .build();

  /** Paginated reads (CloudTrail at two requests per second): long, so they heartbeat. */
  public static final ActivityOptions LOOKUP = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(10))
      .setHeartbeatTimeout(Duration.ofMinutes(1))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofSeconds(30))
          .setMaximumAttempts(6)
          .setDoNotRetry(FailureType.names())
          .build())
      .build();

  /** Notifications: retried a few times, then recorded as undelivered; never blocks containment. */
  public static final ActivityOptions NOTIFY = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofSeconds(10))
          .setMaximumAttempts(5)
          .setDoNotRetry(FailureType.names())
          .build())
      .build();

  private ActivityDefaults() {}
}
