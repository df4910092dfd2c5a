package org.irplaybooks.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.irplaybooks.worker.temporal.TemporalConfiguration;

/** {@code irctl worker CONFIG}: where Temporal is, and how to reach AWS. */
public class WorkerConfiguration extends Configuration {
  @Valid @NotNull private TemporalConfiguration temporal = new TemporalConfiguration();
  @Valid @NotNull private AwsConfiguration aws = new AwsConfiguration();
  @Valid @NotNull private NotificationConfiguration notifications = new NotificationConfiguration();

  @JsonProperty
  public NotificationConfiguration getNotifications() {
    return notifications;
  }

  @JsonProperty
  public void setNotifications(NotificationConfiguration notifications) {
    this.notifications = notifications;
  }

  @JsonProperty
  public TemporalConfiguration getTemporal() {
    return temporal;
  }

  @JsonProperty
  public void setTemporal(TemporalConfiguration temporal) {
    this.temporal = temporal;
  }

  @JsonProperty
  public AwsConfiguration getAws() {
    return aws;
  }

  @JsonProperty
  public void setAws(AwsConfiguration aws) {
    this.aws = aws;
  }
}
