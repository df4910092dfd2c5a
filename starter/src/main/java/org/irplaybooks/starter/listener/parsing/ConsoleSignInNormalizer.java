package org.irplaybooks.starter.listener.parsing;

import java.util.List;
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.FindingSource;
import org.irplaybooks.workflows.incident.Severity;

/**
 * {@code AWS Console Sign In via CloudTrail}, typed {@code CloudTrail:ConsoleLogin}. Severity rule:
 * root signing in without MFA is CRITICAL, any other root sign-in HIGH, a successful sign-in
 * without MFA MEDIUM, everything else (failures, sign-ins with MFA) LOW.
 */
public class ConsoleSignInNormalizer implements EventNormalizer {
  public static final String DETAIL_TYPE = "AWS Console Sign In via CloudTrail";

  @Override
  public String detailType() {
    return DETAIL_TYPE;
  }

  @Override
  public List<Finding> normalize(EventEnvelope event) {
    CloudTrailRecord r = CloudTrailRecord.read(event);
    Field result = event.detail().at("responseElements", "ConsoleLogin");
    String outcome = FieldValidator.word(result.path(), result.optionalText());
    Field mfa = event.detail().at("additionalEventData", "MFAUsed");
    String mfaUsed = FieldValidator.word(mfa.path(), mfa.optionalText());
    boolean success = "Success".equals(outcome);
    boolean withoutMfa = !"Yes".equals(mfaUsed);
    boolean root = "Root".equals(r.subject().principalType());
    Severity severity;
    if (root && success && withoutMfa) severity = Severity.CRITICAL;
    else if (root) severity = Severity.HIGH;
    else if (success && withoutMfa) severity = Severity.MEDIUM;
    else severity = Severity.LOW;
    String title = "Console sign-in (" + (outcome == null ? "result unknown" : outcome) + ", MFA "
        + (mfaUsed == null ? "unknown" : mfaUsed) + ") by " + r.subject().displayName()
        + (r.remoteIp() == null ? "" : " from " + r.remoteIp());
    return List.of(new Finding(FindingSource.CONSOLE_SIGN_IN, r.eventId(),
        CloudTrailApiCallNormalizer.TYPE_PREFIX + r.eventName(), severity, r.account(), r.region(), title,
        r.eventTime(), r.eventTime(), 1, r.subject(), r.remoteIp(), List.of(r.eventName())));
  }
}
