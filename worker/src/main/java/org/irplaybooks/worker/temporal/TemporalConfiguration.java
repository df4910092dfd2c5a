package org.irplaybooks.worker.temporal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.irplaybooks.workflows.playbook.TaskQueues;

/**
 * Where and how to reach Temporal; shared by the worker's and the listener's YAML under
 * {@code temporal:}. The API key is never logged: {@link #toString()} only says whether one is set.
 */
public class TemporalConfiguration {

  @NotBlank private String target = "127.0.0.1:7233";

  @NotBlank private String namespace = "default";

  @NotBlank private String taskQueue = TaskQueues.DEFAULT;

  @Valid @NotNull private Tls tls = new Tls();

  /** Temporal Cloud API key; null for a self-hosted cluster that authenticates by mTLS or not at all. */
  private String apiKey;

  @JsonProperty
  public String getTarget() {
    return target;
  }

  @JsonProperty
  public void setTarget(String target) {
    this.target = target;
  }

  @JsonProperty
  public String getNamespace() {
    return namespace;
  }

  @JsonProperty
  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  @JsonProperty
  public String getTaskQueue() {
    return taskQueue;
  }

  @JsonProperty
  public void setTaskQueue(String taskQueue) {
    this.taskQueue = taskQueue;
  }

  @JsonProperty
  public Tls getTls() {
    return tls;
  }

  @JsonProperty
  public void setTls(Tls tls) {
    this.tls = tls;
  }

  /** Not annotated for serialization: a configuration dump must not carry the key. */
  @JsonIgnore
  public String getApiKey() {
    return apiKey;
  }

  @JsonProperty("apiKey")
  public void setApiKey(String apiKey) {
    // An unset environment variable substitutes to an empty string; treat it as "no key".
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
  }

  @JsonIgnore
  public boolean hasApiKey() {
    return apiKey != null;
  }

  @Override
  public String toString() {
    return "TemporalConfiguration{target=" + target + ", namespace=" + namespace + ", taskQueue="
        + taskQueue + ", tls=" + tls + ", apiKey=" + (apiKey == null ? "none" : "<set>") + "}";
  }

  /** TLS to the frontend: server verification, and client certificates for mTLS when given. */
  public static class Tls {
    private boolean enabled;
    private String clientCertPath;
    private String clientKeyPath;
    private String serverCaPath;
    private String serverName;

    @JsonProperty
    public boolean isEnabled() {
      return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    @JsonProperty
    public String getClientCertPath() {
      return clientCertPath;
    }

    @JsonProperty
    public void setClientCertPath(String clientCertPath) {
      this.clientCertPath = blankToNull(clientCertPath);
    }

    @JsonProperty
    public String getClientKeyPath() {
      return clientKeyPath;
    }

    @JsonProperty
    public void setClientKeyPath(String clientKeyPath) {
      this.clientKeyPath = blankToNull(clientKeyPath);
    }

    @JsonProperty
    public String getServerCaPath() {
      return serverCaPath;
    }

    @JsonProperty
    public void setServerCaPath(String serverCaPath) {
      this.serverCaPath = blankToNull(serverCaPath);
    }

    @JsonProperty
    public String getServerName() {
      return serverName;
    }

    @JsonProperty
    public void setServerName(String serverName) {
      this.serverName = blankToNull(serverName);
    }

    /** mTLS needs both halves of the client identity; one without the other is a typo. */
    @JsonIgnore
    @AssertTrue(message = "clientCertPath and clientKeyPath must be set together")
    public boolean isClientIdentityComplete() {
      return (clientCertPath == null) == (clientKeyPath == null);
    }

    @Override
    public String toString() {
      return "Tls{enabled=" + enabled + ", clientCertPath=" + clientCertPath + ", clientKeyPath="
          + clientKeyPath + ", serverCaPath=" + serverCaPath + ", serverName=" + serverName + "}";
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value;
    }
  }
}
