package org.irplaybooks.activities.aws;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.irplaybooks.workflows.ports.FailureType;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one translation of AWS SDK exceptions into Temporal failures.
 *
 * <ul>
 *   <li>Access denied, validation, not found, limit exceeded and "already exists" become
 *       non-retryable {@link ApplicationFailure}s typed by {@link FailureType}.
 *   <li>Throttling and concurrent modification become retryable failures with a next-retry delay,
 *       typed {@link #THROTTLED} and {@link #CONCURRENT_MODIFICATION} (deliberately not in
 *       {@link FailureType}, whose names are all listed as do-not-retry).
 *   <li>Server errors, timeouts and I/O errors are answered as they are: Temporal retries them.
 * </ul>
 *
 * Messages name the action, the AWS error code and message, the HTTP status and the request id.
 * Callers must never put a secret into the action text; AWS error messages do not echo request
 * bodies.
 */
public final class AwsErrorTranslator {
  /** Failure type of throttled calls; retryable. */
  public static final String THROTTLED = "THROTTLED";
  /** Failure type of calls that raced another change of the same resource; retryable. */
  public static final String CONCURRENT_MODIFICATION = "CONCURRENT_MODIFICATION";

  private static final Set<String> ACCESS_DENIED = Set.of(
      "accessdenied", "accessdeniedexception", "unauthorizedoperation", "unauthorizedaccess",
      "unauthorizedexception", "authfailure", "authorizationerror", "authorizationerrorexception",
      "invalidclienttokenid", "unrecognizedclientexception", "signaturedoesnotmatch",
      "missingauthenticationtoken", "optinrequired", "invalidaccesskeyid", "allaccessdisabled",
      "accountproblem", "kms.accessdeniedexception");
  private static final Set<String> NOT_FOUND = Set.of(
      "nosuchentity", "nosuchentityexception", "notfound", "notfoundexception",
      "resourcenotfoundexception", "resourcenotfound", "nosuchkey", "nosuchbucket", "nosuchversion",
      "nosuchuploadexception", "trailnotfoundexception", "kms.notfoundexception", "invalidinstanceid.notfound");
  private static final Set<String> VALIDATION = Set.of(
      "validationerror", "validationexception", "malformedpolicydocument",
      "malformedpolicydocumentexception", "passwordpolicyviolation", "invalidinput",
      "invalidrequest", "invalidrequestexception", "invalidargument", "badrequest",
      "badrequestexception", "missingparameter", "invalidlookupattributesexception",
      "invalidtimerangeexception", "invalidmaxresultsexception", "invalidnexttokenexception",
      "invalideventcategoryexception", "invalidparameter", "invalidparameterexception",
      "invalidparametervalue", "invalidparametercombination", "invaliddigest", "baddigest",
      "xamzcontentsha256mismatch", "invalidchecksum", "keytoolong", "entitytoolarge",
      "unmodifiableentity", "unmodifiableentityexception");
  private static final Set<String> LIMIT_EXCEEDED = Set.of(
      "limitexceeded", "limitexceededexception", "servicequotaexceededexception",
      "quotaexceededexception", "toomanybuckets", "subscriptionlimitexceeded");
  private static final Set<String> CONFLICT = Set.of(
      "entityalreadyexists", "entityalreadyexistsexception", "resourceexistsexception",
      "alreadyexists", "alreadyexistsexception", "resourcealreadyexistsexception",
      "bucketalreadyexists", "bucketalreadyownedbyyou", "deleteconflict", "deleteconflictexception",
      "invalidobjectstate");
  private static final Set<String> TRANSIENT_CONFLICT = Set.of(
      "concurrentmodification", "concurrentmodificationexception", "operationaborted",
      "conflictexception", "resourceconflictexception", "resourceinuseexception",
      "incorrectstate");
  private static final Set<String> THROTTLING = Set.of(
      "throttling", "throttlingexception", "throttledexception", "requestthrottled",
      "requestthrottledexception", "requestlimitexceeded", "toomanyrequestsexception",
      "slowdown", "provisionedthroughputexceededexception", "bandwidthlimitexceeded",
      "priorrequestnotcomplete", "ec2throttledexception");

  private static final Duration MAX_THROTTLE_DELAY = Duration.ofMinutes(1);

  /**
   * The failure to throw for {@code e}: an {@link ApplicationFailure} for the classified cases,
   * {@code e} itself otherwise.
   *
   * @param action what the activity was doing, e.g. {@code "disabling access key AKIA… of alice"}
   */
  public RuntimeException translate(String action, SdkException e) {
    if (!(e instanceof AwsServiceException service)) return e;
    String code = errorCode(service);
    String normalized = code.toLowerCase(Locale.ROOT);
    int status = service.statusCode();
    String message = message(action, service, code);

    if (THROTTLING.contains(normalized) || status == 429
        || service.isThrottlingException()) {
      return retryable(THROTTLED, message, e, throttleDelay(service));
    }
    if (TRANSIENT_CONFLICT.contains(normalized)) {
      return retryable(CONCURRENT_MODIFICATION, message, e, backoff(Duration.ofSeconds(1)));
    }
    if (ACCESS_DENIED.contains(normalized)) return nonRetryable(FailureType.ACCESS_DENIED, message, e);
    if (NOT_FOUND.contains(normalized) || normalized.endsWith(".notfound")) {
      return nonRetryable(FailureType.NOT_FOUND, message, e);
    }
    if (VALIDATION.contains(normalized) || normalized.startsWith("invalidparameter")
        || normalized.startsWith("malformed")) {
      return nonRetryable(FailureType.VALIDATION, message, e);
    }
    if (LIMIT_EXCEEDED.contains(normalized)) return nonRetryable(FailureType.LIMIT_EXCEEDED, message, e);
    if (CONFLICT.contains(normalized)) return nonRetryable(FailureType.CONFLICT, message, e);
    // A 4xx without a code (S3 answers HEAD requests with no body) still says what happened.
    if (code.isEmpty()) {
      if (status == 403) return nonRetryable(FailureType.ACCESS_DENIED, message, e);
      if (status == 404) return nonRetryable(FailureType.NOT_FOUND, message, e);
    }
    return e;
  }

  /** Runs an AWS call, translating what it throws. */
  public <T> T call(String action, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw translate(action, e);
    }
  }

  /** Runs an AWS call that answers nothing of interest, translating what it throws. */
  public void run(String action, Runnable call) {
    try {
      call.run();
    } catch (SdkException e) {
      throw translate(action, e);
    }
  }

  /** The AWS error code of {@code e}, or "" when the response carried none. */
  public static String errorCode(SdkException e) {
    if (!(e instanceof AwsServiceException service)) return "";
    AwsErrorDetails details = service.awsErrorDetails();
    String code = details == null ? null : details.errorCode();
    return code == null ? "" : code.trim();
  }

  /** Whether {@code e} says the thing does not exist: the calm answer of idempotent deletes. */
  public static boolean isNotFound(SdkException e) {
    if (!(e instanceof AwsServiceException service)) return false;
    String code = errorCode(e).toLowerCase(Locale.ROOT);
    return NOT_FOUND.contains(code) || code.endsWith(".notfound") || (code.isEmpty() && service.statusCode() == 404);
  }

  /** A non-retryable failure of one of the product's types. */
  public static ApplicationFailure nonRetryable(FailureType type, String message) {
    return ApplicationFailure.newBuilder().setType(type.name()).setMessage(message).setNonRetryable(true).build();
  }

  private static ApplicationFailure nonRetryable(FailureType type, String message, Throwable cause) {
    return ApplicationFailure.newBuilder().setType(type.name()).setMessage(message)
        .setNonRetryable(true).setCause(cause).build();
  }

  private static ApplicationFailure retryable(String type, String message, Throwable cause, Duration delay) {
    return ApplicationFailure.newBuilder().setType(type).setMessage(message)
        .setNonRetryable(false).setNextRetryDelay(delay).setCause(cause).build();
  }

  private static String message(String action, AwsServiceException e, String code) {
    AwsErrorDetails details = e.awsErrorDetails();
    String awsMessage = details == null ? null : details.errorMessage();
    StringBuilder text = new StringBuilder(action).append(" failed: ");
    text.append(code.isEmpty() ? "HTTP " + e.statusCode() : code);
    if (awsMessage != null && !awsMessage.isBlank()) text.append(": ").append(awsMessage.trim());
    if (details != null && details.serviceName() != null) text.append(" (").append(details.serviceName());
    else text.append(" (AWS");
    text.append(", HTTP ").append(e.statusCode());
    if (e.requestId() != null) text.append(", request id ").append(e.requestId());
    return text.append(')').toString();
  }

  /** The server's Retry-After when it sent one, else an exponential backoff on the attempt. */
  private static Duration throttleDelay(AwsServiceException e) {
    Optional<String> retryAfter = Optional.ofNullable(e.awsErrorDetails())
        .map(AwsErrorDetails::sdkHttpResponse)
        .flatMap(r -> r.firstMatchingHeader("Retry-After"));
    if (retryAfter.isPresent()) {
      try {
        long seconds = Long.parseLong(retryAfter.get().trim());
        if (seconds > 0) return min(Duration.ofSeconds(seconds), MAX_THROTTLE_DELAY);
      } catch (NumberFormatException ignored) {
        // An HTTP date instead of seconds: fall back to the backoff.
      }
    }
    return backoff(Duration.ofSeconds(2));
  }

  /** base × 2^(attempt-1), capped, plus up to a second of jitter so that workers spread out. */
  private static Duration backoff(Duration base) {
    int attempt = currentAttempt();
    long factor = 1L << Math.min(Math.max(attempt - 1, 0), 6);
    Duration delay = min(base.multipliedBy(factor), MAX_THROTTLE_DELAY);
    return delay.plusMillis(ThreadLocalRandom.current().nextLong(1000));
  }

  private static int currentAttempt() {
    try {
      return Activity.getExecutionContext().getInfo().getAttempt();
    } catch (IllegalStateException | NullPointerException notInAnActivity) {
      return 1;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
