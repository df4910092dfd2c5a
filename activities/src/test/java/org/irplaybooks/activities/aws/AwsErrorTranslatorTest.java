package org.irplaybooks.activities.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.irplaybooks.activities.MotoFixture;
import org.irplaybooks.activities.emulator.MotoServer;
import org.irplaybooks.workflows.ports.FailureType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class AwsErrorTranslatorTest {
  private static MotoServer moto;
  private final AwsErrorTranslator translator = new AwsErrorTranslator();

  @BeforeAll
  static void startMoto() {
    moto = MotoFixture.startMoto(AwsErrorTranslatorTest.class);
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) moto.close();
  }

  private static AwsServiceException iam(String code, int status) {
    return IamException.builder()
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("the service said no").serviceName("Iam").build())
        .statusCode(status).requestId("req-1").message("the service said no").build();
  }

  private ApplicationFailure translated(SdkException e) {
    RuntimeException out = translator.translate("disabling access key AKIAEXAMPLE of alice", e);
    assertThat(out).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "InvalidClientTokenId",
      "UnrecognizedClientException", "AuthFailure"})
  void accessDenied_isFinal(String code) {
    ApplicationFailure failure = translated(iam(code, 403));
    assertThat(failure.getType()).isEqualTo(FailureType.ACCESS_DENIED.name());
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"NoSuchEntity", "NotFound", "ResourceNotFoundException", "NoSuchKey", "NoSuchBucket",
      "InvalidInstanceID.NotFound"})
  void notFound_isFinal(String code) {
    ApplicationFailure failure = translated(iam(code, 404));
    assertThat(failure.getType()).isEqualTo(FailureType.NOT_FOUND.name());
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ValidationError", "InvalidParameterValue", "InvalidParameterCombination",
      "MalformedPolicyDocument", "InvalidInput", "PasswordPolicyViolation"})
  void validation_isFinal(String code) {
    ApplicationFailure failure = translated(iam(code, 400));
    assertThat(failure.getType()).isEqualTo(FailureType.VALIDATION.name());
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void limitExceeded_isFinal() {
    ApplicationFailure failure = translated(iam("LimitExceeded", 409));
    assertThat(failure.getType()).isEqualTo(FailureType.LIMIT_EXCEEDED.name());
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"EntityAlreadyExists", "ResourceExistsException", "DeleteConflict"})
  void alreadyExists_isFinalConflict(String code) {
    ApplicationFailure failure = translated(iam(code, 409));
    assertThat(failure.getType()).isEqualTo(FailureType.CONFLICT.name());
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ConcurrentModification", "ConcurrentModificationException", "OperationAborted"})
  void concurrentModification_isRetriedAfterADelay(String code) {
    ApplicationFailure failure = translated(iam(code, 409));
    assertThat(failure.getType()).isEqualTo(AwsErrorTranslator.CONCURRENT_MODIFICATION);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException", "SlowDown"})
  void throttling_isRetriedAfterADelay(String code) {
    ApplicationFailure failure = translated(iam(code, 400));
    assertThat(failure.getType()).isEqualTo(AwsErrorTranslator.THROTTLED);
    assertThat(failure.getType()).isNotIn((Object[]) FailureType.names());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isBetween(Duration.ofSeconds(1), Duration.ofMinutes(1).plusSeconds(1));
  }

  @Test
  void http429WithoutCode_isThrottledAndHonoursRetryAfter() {
    AwsServiceException e = S3Exception.builder()
        .awsErrorDetails(AwsErrorDetails.builder()
            .sdkHttpResponse(SdkHttpResponse.builder().statusCode(429).putHeader("Retry-After", "7").build()).build())
        .statusCode(429).build();
    ApplicationFailure failure = translated(e);
    assertThat(failure.getType()).isEqualTo(AwsErrorTranslator.THROTTLED);
    assertThat(failure.getNextRetryDelay()).isBetween(Duration.ofSeconds(7), Duration.ofSeconds(8));
  }

  @Test
  void bare404_isNotFound_andBare403_isAccessDenied() {
    assertThat(translated(S3Exception.builder().statusCode(404).build()).getType()).isEqualTo(FailureType.NOT_FOUND.name());
    assertThat(translated(S3Exception.builder().statusCode(403).build()).getType()).isEqualTo(FailureType.ACCESS_DENIED.name());
  }

  @Test
  void serverErrors_timeoutsAndIo_areRethrownAsTheyAre() {
    AwsServiceException internal = iam("ServiceUnavailable", 503);
    SdkClientException io = SdkClientException.create("Unable to execute HTTP request: Connection refused");
    ApiCallTimeoutException timeout = ApiCallTimeoutException.create(20_000);
    AwsServiceException unknown = iam("SomethingNew", 400);
    assertThat(translator.translate("x", internal)).isSameAs(internal);
    assertThat(translator.translate("x", io)).isSameAs(io);
    assertThat(translator.translate("x", timeout)).isSameAs(timeout);
    assertThat(translator.translate("x", unknown)).isSameAs(unknown);
  }

  @Test
  void message_namesActionCodeStatusAndRequestId() {
    ApplicationFailure failure = translated(iam("AccessDenied", 403));
    assertThat(failure.getOriginalMessage())
        .contains("disabling access key AKIAEXAMPLE of alice failed")
        .contains("AccessDenied")
        .contains("the service said no")
        .contains("HTTP 403")
        .contains("req-1");
  }

  @Test
  void callHelper_translatesWhatTheCallThrows() {
    Throwable thrown = catchThrowable(() -> translator.call("reading x", () -> { throw iam("NoSuchEntity", 404); }));
    assertThat(thrown).isInstanceOf(ApplicationFailure.class);
    assertThat(((ApplicationFailure) thrown).getType()).isEqualTo(FailureType.NOT_FOUND.name());
  }

  @Test
  void realMotoError_deletingMissingUser_isNotFound() {
    moto.reset();
    try (AwsClientFactory clients = MotoFixture.clients(MotoFixture.settings(moto).build())) {
      Throwable thrown = catchThrowable(() ->
          translator.run("deleting IAM user ghost", () -> clients.iam(null).deleteUser(b -> b.userName("ghost"))));
      assertThat(thrown).isInstanceOf(ApplicationFailure.class);
      ApplicationFailure failure = (ApplicationFailure) thrown;
      assertThat(failure.getType()).isEqualTo(FailureType.NOT_FOUND.name());
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage()).contains("deleting IAM user ghost failed").contains("NoSuchEntity");
    }
  }
}
