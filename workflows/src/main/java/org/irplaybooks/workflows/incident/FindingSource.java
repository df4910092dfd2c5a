package org.irplaybooks.workflows.incident;

/** Where a finding came from (the EventBridge detail-type it arrived as). */
public enum FindingSource {
  GUARDDUTY,
  SECURITY_HUB,
  CLOUDTRAIL_API_CALL,
  CONSOLE_SIGN_IN,
  AWS_HEALTH
}
