package org.irplaybooks.starter.listener;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.irplaybooks.starter.listener.auth.AnalystConfig;
import org.irplaybooks.worker.temporal.TemporalConfiguration;
import org.irplaybooks.workflows.incident.ResponsePolicy;

/** The listener's YAML ({@code config/listener.yml}); values may come from environment variables. */
public class ListenerConfiguration extends Configuration {

  @Valid @NotNull private TemporalConfiguration temporal = new TemporalConfiguration();

  /** HTTP header names are tokens; anything else could never be sent. */
  @NotBlank
  @Pattern(regexp = "^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$", message = "must be a valid HTTP header name")
  private String apiKeyHeader = "x-api-key";

  /**
   * The shared secret callers present. Required: the listener has no anonymous mode. A value still
   * reading {@code ${...}} is an environment variable that was never set, not a key.
   */
  @NotBlank
  @Pattern(regexp = "^(?!\\$\\{).*$", message = "is an unsubstituted placeholder: set IR_LISTENER_API_KEY")
  private String apiKey;

  @Min(1024) @Max(16 * 1024 * 1024) private long maxBodyBytes = 262_144;

  @NotNull @MinDuration(value = 1, unit = TimeUnit.MINUTES) private Duration approvalTimeout = Duration.hours(4);

  @NotNull @MinDuration(value = 1, unit = TimeUnit.MINUTES) private Duration closeAfterEscalation = Duration.hours(20);

  /** Analysts of the incident API and console, with their bearer tokens and roles. */
  @Valid @NotNull private List<AnalystConfig> analysts = new ArrayList<>();

  /** 1, or 2 to have the recovery of a CRITICAL incident approved by two different analysts. */
  @Min(1) @Max(2) private int criticalRecoveryApprovals = 1;

  /** Base URL of the Temporal Web UI the console links to; empty for no links. */
  @NotNull
  @Pattern(regexp = "^$|^https?://[^\\s\"'<>]+$", message = "must be empty or an http(s) URL")
  private String temporalWebUiUrl = "";

  @JsonProperty
  public List<AnalystConfig> getAnalysts() {
    return analysts;
  }

  @JsonProperty
  public void setAnalysts(List<AnalystConfig> analysts) {
    this.analysts = analysts;
  }

  @JsonProperty
  public int getCriticalRecoveryApprovals() {
    return criticalRecoveryApprovals;
  }

  @JsonProperty
  public void setCriticalRecoveryApprovals(int criticalRecoveryApprovals) {
    this.criticalRecoveryApprovals = criticalRecoveryApprovals;
  }

  @JsonProperty
  public String getTemporalWebUiUrl() {
    return temporalWebUiUrl;
  }

  @JsonProperty
  public void setTemporalWebUiUrl(String temporalWebUiUrl) {
    this.temporalWebUiUrl = temporalWebUiUrl == null ? "" : temporalWebUiUrl;
  }
  /**
   * Accounts whose principals may assume our roles (partners, our other accounts); an AssumeRole
   * from any other account starts the cross-account playbook.
   */
  @NotNull
  private java.util.List<@Pattern(regexp = "^\\d{12}$", message = "must be a 12-digit account id") String>
      trustedAccounts = new java.util.ArrayList<>();

  @JsonProperty
  public TemporalConfiguration getTemporal() {
    return temporal;
  }

  @JsonProperty
  public void setTemporal(TemporalConfiguration temporal) {
    this.temporal = temporal;
  }

  @JsonProperty
  public String getApiKeyHeader() {
    return apiKeyHeader;
  }

  @JsonProperty
  public void setApiKeyHeader(String apiKeyHeader) {
    this.apiKeyHeader = apiKeyHeader;
  }

  /** Not serialized: a configuration dump must not carry the key. */
  @JsonIgnore
  public String getApiKey() {
    return apiKey;
  }

  @JsonProperty("apiKey")
  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  @JsonProperty
  public long getMaxBodyBytes() {
    return maxBodyBytes;
  }

  @JsonProperty
  public void setMaxBodyBytes(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @JsonProperty
  public Duration getApprovalTimeout() {
    return approvalTimeout;
  }

  @JsonProperty
  public void setApprovalTimeout(Duration approvalTimeout) {
    this.approvalTimeout = approvalTimeout;
  }

  @JsonProperty
  public Duration getCloseAfterEscalation() {
    return closeAfterEscalation;
  }

  @JsonProperty
  public void setCloseAfterEscalation(Duration closeAfterEscalation) {
    this.closeAfterEscalation = closeAfterEscalation;
  }

  @JsonProperty
  public java.util.List<String> getTrustedAccounts() {
    return trustedAccounts;
  }

  @JsonProperty
  public void setTrustedAccounts(java.util.List<String> trustedAccounts) {
    this.trustedAccounts = trustedAccounts == null ? new java.util.ArrayList<>() : trustedAccounts;
  }

  /** The policy every incident started by this listener carries (see {@link ResponsePolicy}). */
  @JsonIgnore
  public ResponsePolicy responsePolicy() {
    return new ResponsePolicy(approvalTimeout.toJavaDuration(), closeAfterEscalation.toJavaDuration(),
        criticalRecoveryApprovals, trustedAccounts);
  }
}
