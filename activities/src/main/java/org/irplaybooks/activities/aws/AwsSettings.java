package org.irplaybooks.activities.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the activities reach AWS.
 *
 * @param region the region of the home account's resources (evidence bucket, secrets, topic)
 * @param endpointOverride one endpoint for every service (e.g. a local moto_server), or null for AWS
 * @param serviceEndpoints per-service endpoints ({@code "cloudtrail"} → a stub) that win over
 *     {@code endpointOverride}; service names are those of {@link AwsClientFactory}'s constants
 * @param homeAccountId the account the worker runs in, or null when unknown
 * @param responderRoleName the role assumed in any other account, or null to use the worker's own
 *     credentials everywhere
 * @param evidenceBucket the evidence bucket, in the home account
 * @param evidenceKmsKeyId the KMS key for evidence (SSE-KMS), or null for SSE-S3 (AES256)
 * @param evidenceRetentionDays object-lock COMPLIANCE retention of evidence; 0 sends none
 * @param notificationTopicArn the SNS topic for responders, or null when notifications are off
 * @param secretNamePrefix prefix of the Secrets Manager names of issued credentials
 * @param apiCallTimeout the whole SDK call including its retry; below the activity start-to-close
 * @param apiCallAttemptTimeout one HTTP attempt
 */
public record AwsSettings(
    String region,
    URI endpointOverride,
    Map<String, URI> serviceEndpoints,
    String homeAccountId,
    String responderRoleName,
    String evidenceBucket,
    String evidenceKmsKeyId,
    int evidenceRetentionDays,
    String notificationTopicArn,
    String secretNamePrefix,
    Duration apiCallTimeout,
    Duration apiCallAttemptTimeout) {

  public static final String DEFAULT_SECRET_NAME_PREFIX = "ir-playbooks/";
  public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(20);
  public static final Duration DEFAULT_API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
  /** The activities' start-to-close timeout: an SDK call must give up before Temporal does. */
  public static final Duration ACTIVITY_START_TO_CLOSE = Duration.ofSeconds(30);

  public AwsSettings {
    Objects.requireNonNull(region, "region");
    serviceEndpoints = serviceEndpoints == null ? Map.of() : Map.copyOf(serviceEndpoints);
    if (secretNamePrefix == null) secretNamePrefix = DEFAULT_SECRET_NAME_PREFIX;
    if (apiCallTimeout == null) apiCallTimeout = DEFAULT_API_CALL_TIMEOUT;
    if (apiCallAttemptTimeout == null) apiCallAttemptTimeout = DEFAULT_API_CALL_ATTEMPT_TIMEOUT;
    if (evidenceRetentionDays < 0) {
      throw new IllegalArgumentException("evidenceRetentionDays must be 0 or more, got " + evidenceRetentionDays);
    }
    if (apiCallTimeout.compareTo(ACTIVITY_START_TO_CLOSE) >= 0) {
      throw new IllegalArgumentException("apiCallTimeout " + apiCallTimeout
          + " must stay below the activity start-to-close timeout " + ACTIVITY_START_TO_CLOSE);
    }
    if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
      throw new IllegalArgumentException("apiCallAttemptTimeout " + apiCallAttemptTimeout
          + " must not exceed apiCallTimeout " + apiCallTimeout);
    }
  }

  public static Builder builder(String region) {
    return new Builder(region);
  }

  public Builder toBuilder() {
    return new Builder(region).endpointOverride(endpointOverride).serviceEndpoints(serviceEndpoints)
        .homeAccountId(homeAccountId).responderRoleName(responderRoleName).evidenceBucket(evidenceBucket)
        .evidenceKmsKeyId(evidenceKmsKeyId).evidenceRetentionDays(evidenceRetentionDays)
        .notificationTopicArn(notificationTopicArn).secretNamePrefix(secretNamePrefix)
        .apiCallTimeout(apiCallTimeout).apiCallAttemptTimeout(apiCallAttemptTimeout);
  }

  /** The endpoint for a service: its own override, else the common one, else null (AWS). */
  public URI endpointFor(String service) {
    URI own = serviceEndpoints.get(service);
    return own != null ? own : endpointOverride;
  }

  /** Whether calls into {@code accountId} go through the responder role. */
  public boolean assumesRoleIn(String accountId) {
    return responderRoleName != null && !responderRoleName.isBlank()
        && accountId != null && !accountId.equals(homeAccountId);
  }

  /** Named setters for the record, so that callers need not pass twelve positional arguments. */
  public static final class Builder {
    private final String region;
    private URI endpointOverride;
    private Map<String, URI> serviceEndpoints = Map.of();
    private String homeAccountId;
    private String responderRoleName;
    private String evidenceBucket;
    private String evidenceKmsKeyId;
    private int evidenceRetentionDays;
    private String notificationTopicArn;
    private String secretNamePrefix;
    private Duration apiCallTimeout;
    private Duration apiCallAttemptTimeout;

    private Builder(String region) {
      this.region = region;
    }

    public Builder endpointOverride(URI value) { this.endpointOverride = value; return this; }
    public Builder serviceEndpoints(Map<String, URI> value) { this.serviceEndpoints = value; return this; }
    public Builder homeAccountId(String value) { this.homeAccountId = value; return this; }
    public Builder responderRoleName(String value) { this.responderRoleName = value; return this; }
    public Builder evidenceBucket(String value) { this.evidenceBucket = value; return this; }
    public Builder evidenceKmsKeyId(String value) { this.evidenceKmsKeyId = value; return this; }
    public Builder evidenceRetentionDays(int value) { this.evidenceRetentionDays = value; return this; }
    public Builder notificationTopicArn(String value) { this.notificationTopicArn = value; return this; }
    public Builder secretNamePrefix(String value) { this.secretNamePrefix = value; return this; }
    public Builder apiCallTimeout(Duration value) { this.apiCallTimeout = value; return this; }
    public Builder apiCallAttemptTimeout(Duration value) { this.apiCallAttemptTimeout = value; return this; }

    public AwsSettings build() {
      return new AwsSettings(region, endpointOverride, serviceEndpoints, homeAccountId, responderRoleName,
          evidenceBucket, evidenceKmsKeyId, evidenceRetentionDays, notificationTopicArn, secretNamePrefix,
          apiCallTimeout, apiCallAttemptTimeout);
    }
  }
}
