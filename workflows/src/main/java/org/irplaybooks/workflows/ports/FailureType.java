package org.irplaybooks.workflows.ports;

/**
 * The types of non-retryable failures activities raise ({@code ApplicationFailure.getType()}). One
 * enum, so the error translator, the retry options and the reports all speak of the same kinds.
 */
public enum FailureType {
  /** The responder identity may not do this: retrying cannot help; a human must grant it. */
  ACCESS_DENIED,
  /** The request was invalid (bad ARN, malformed policy…). */
  VALIDATION,
  /** The user, key, policy or resource does not exist (any more). */
  NOT_FOUND,
  /** The resource is in a state that forbids the call (e.g. two access keys already exist). */
  CONFLICT,
  /** An account quota was reached. */
  LIMIT_EXCEEDED,
  /** The product's own configuration lacks something the call needs (bucket, topic, role). */
  CONFIGURATION;

  /** Names for {@code RetryOptions.setDoNotRetry}: every type here is final. */
  public static String[] names() {
    FailureType[] values = values();
    String[] names = new String[values.length];
    for (int i = 0; i < values.length; i++) names[i] = values[i].name();
    return names;
  }
}
