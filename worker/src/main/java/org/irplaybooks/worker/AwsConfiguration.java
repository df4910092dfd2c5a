package org.irplaybooks.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.irplaybooks.activities.aws.AwsSettings;

/**
 * The worker's AWS settings as YAML. Credentials are never configured here: they come from the
 * default provider chain (instance role, environment, profile), and cross-account access from the
 * responder role named below.
 */
public class AwsConfiguration {
  @NotBlank private String region = "us-east-1";
  /** One endpoint for every service (a local emulator); blank for real AWS. */
  private String endpoint;
  /** Per-service endpoints, e.g. {@code cloudtrail: http://127.0.0.1:4599}. */
  private Map<String, String> serviceEndpoints = new LinkedHashMap<>();
  private String homeAccountId;
  private String responderRoleName;
  @NotBlank private String evidenceBucket;
  private String evidenceKmsKeyId;
  @Min(0) private int evidenceRetentionDays;
  private String notificationTopicArn;
  private String secretNamePrefix = AwsSettings.DEFAULT_SECRET_NAME_PREFIX;
  /** AWS allows two LookupEvents requests per second per account and region; a local stub allows more. */
  @Min(1) private int cloudTrailLookupsPerSecond = 2;

  @JsonProperty
  public String getRegion() {
    return region;
  }

  @JsonProperty
  public void setRegion(String region) {
    this.region = region;
  }

  @JsonProperty
  public String getEndpoint() {
    return endpoint;
  }

  @JsonProperty
  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  @JsonProperty
  public Map<String, String> getServiceEndpoints() {
    return serviceEndpoints;
  }

  @JsonProperty
  public void setServiceEndpoints(Map<String, String> serviceEndpoints) {
    this.serviceEndpoints = serviceEndpoints == null ? new LinkedHashMap<>() : serviceEndpoints;
  }

  @JsonProperty
  public String getHomeAccountId() {
    return homeAccountId;
  }

  @JsonProperty
  public void setHomeAccountId(String homeAccountId) {
    this.homeAccountId = homeAccountId;
  }

  @JsonProperty
  public String getResponderRoleName() {
    return responderRoleName;
  }

  @JsonProperty
  public void setResponderRoleName(String responderRoleName) {
    this.responderRoleName = responderRoleName;
  }

  @JsonProperty
  public String getEvidenceBucket() {
    return evidenceBucket;
  }

  @JsonProperty
  public void setEvidenceBucket(String evidenceBucket) {
    this.evidenceBucket = evidenceBucket;
  }

  @JsonProperty
  public String getEvidenceKmsKeyId() {
    return evidenceKmsKeyId;
  }

  @JsonProperty
  public void setEvidenceKmsKeyId(String evidenceKmsKeyId) {
    this.evidenceKmsKeyId = evidenceKmsKeyId;
  }

  @JsonProperty
  public int getEvidenceRetentionDays() {
    return evidenceRetentionDays;
  }

  @JsonProperty
  public void setEvidenceRetentionDays(int evidenceRetentionDays) {
    this.evidenceRetentionDays = evidenceRetentionDays;
  }

  @JsonProperty
  public String getNotificationTopicArn() {
    return notificationTopicArn;
  }

  @JsonProperty
  public void setNotificationTopicArn(String notificationTopicArn) {
    this.notificationTopicArn = notificationTopicArn;
  }

  @JsonProperty
  public String getSecretNamePrefix() {
    return secretNamePrefix;
  }

  @JsonProperty
  public void setSecretNamePrefix(String secretNamePrefix) {
    this.secretNamePrefix = secretNamePrefix;
  }

  @JsonProperty
  public int getCloudTrailLookupsPerSecond() {
    return cloudTrailLookupsPerSecond;
  }

  @JsonProperty
  public void setCloudTrailLookupsPerSecond(int cloudTrailLookupsPerSecond) {
    this.cloudTrailLookupsPerSecond = cloudTrailLookupsPerSecond;
  }

  /** The activities' settings; blank YAML values (unset environment variables) mean "not set". */
  public AwsSettings toSettings() {
    Map<String, URI> endpoints = new LinkedHashMap<>();
    serviceEndpoints.forEach((service, uri) -> {
      if (!blank(uri)) endpoints.put(service, URI.create(uri));
    });
    return AwsSettings.builder(region)
        .endpointOverride(blank(endpoint) ? null : URI.create(endpoint))
        .serviceEndpoints(endpoints)
        .homeAccountId(orNull(homeAccountId))
        .responderRoleName(orNull(responderRoleName))
        .evidenceBucket(evidenceBucket)
        .evidenceKmsKeyId(orNull(evidenceKmsKeyId))
        .evidenceRetentionDays(evidenceRetentionDays)
        .notificationTopicArn(orNull(notificationTopicArn))
        .secretNamePrefix(blank(secretNamePrefix) ? AwsSettings.DEFAULT_SECRET_NAME_PREFIX : secretNamePrefix)
        .apiCallTimeout(Duration.ofSeconds(20))
        .apiCallAttemptTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String orNull(String value) {
    return blank(value) ? null : value;
  }
}
