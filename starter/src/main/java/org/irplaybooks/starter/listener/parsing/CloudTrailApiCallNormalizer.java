package org.irplaybooks.starter.listener.parsing;

import java.util.List;
import java.util.Set;
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.FindingSource;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.incident.Subject;

/**
 * {@code AWS API Call via CloudTrail}: one CloudTrail management event, typed {@code CloudTrail:} and
 * its event name. CloudTrail rates nothing, so severity follows one small rule:
 * <ul>
 *   <li>HIGH for calls that switch off detection or MFA (StopLogging, DeleteDetector,
 *       DisableSecurityHub, DeactivateMFADevice…) and for any call by the root user;</li>
 *   <li>MEDIUM otherwise.</li>
 * </ul>
 */
public class CloudTrailApiCallNormalizer implements EventNormalizer {
  public static final String DETAIL_TYPE = "AWS API Call via CloudTrail";
  public static final String TYPE_PREFIX = "CloudTrail:";

  /** Calls that blind the defenders; see FINDINGS.md, the control-bypass scenarios. */
  static final String ASSUME_ROLE = "AssumeRole";

  static final Set<String> DEFENSE_EVASION = Set.of(
      "StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors",
      "UpdateDetector", "DeleteDetector", "DisassociateFromAdministratorAccount",
      "DisableSecurityHub", "BatchDisableStandards",
      "StopConfigurationRecorder", "DeleteConfigurationRecorder", "DeleteDeliveryChannel",
      "DeactivateMFADevice", "DeleteVirtualMFADevice");

  @Override
  public String detailType() {
    return DETAIL_TYPE;
  }

  @Override
  public List<Finding> normalize(EventEnvelope event) {
    CloudTrailRecord r = CloudTrailRecord.read(event);
    Field source = event.detail().get("eventSource");
    String eventSource = source.optionalText();
    if (eventSource != null && !FieldValidator.isAwsServiceSource(eventSource)) {
      throw new InvalidFieldException(source.path(), "not an AWS service name");
    }
    Field errorField = event.detail().get("errorCode");
    String errorCode = FieldValidator.word(errorField.path(), errorField.optionalText());
    Subject subject = r.subject();
    boolean crossAccount = false;
    if (ASSUME_ROLE.equals(r.eventName())) {
      subject = assumeRoleSubject(event.detail(), subject);
      String caller = callerAccount(subject.principalArn());
      crossAccount = caller != null && !caller.equals(r.account());
    }
    Severity severity = "Root".equals(subject.principalType()) || DEFENSE_EVASION.contains(r.eventName()) || crossAccount
        ? Severity.HIGH : Severity.MEDIUM;
    String title = r.eventName() + (eventSource == null ? "" : " (" + eventSource + ")") + " by "
        + (subject.principalArn() != null && crossAccount ? subject.principalArn() : subject.displayName())
        + (errorCode == null ? "" : ", failed with " + errorCode);
    return List.of(new Finding(FindingSource.CLOUDTRAIL_API_CALL, r.eventId(), TYPE_PREFIX + r.eventName(), severity,
        r.account(), r.region(), title, r.eventTime(), r.eventTime(), 1, subject, r.remoteIp(), List.of(r.eventName())));
  }

  /**
   * For AssumeRole the subject is the role assumed (the resource, {@code requestParameters.roleArn})
   * and the caller (the principal; a bare {@code userIdentity.accountId} becomes that account's root
   * ARN); the key is the session's own ({@code responseElements.credentials.accessKeyId}), the one
   * whose calls the investigation reads. The caller's user name is dropped: it names nothing here.
   */
  private static Subject assumeRoleSubject(Field d, Subject caller) {
    Field roleField = d.at("requestParameters", "roleArn");
    String roleArn = FieldValidator.arn(roleField.path(), roleField.optionalText());
    Field keyField = d.at("responseElements", "credentials", "accessKeyId");
    String sessionKey = FieldValidator.accessKeyId(keyField.path(), keyField.optionalText());
    Field accountField = d.at("userIdentity", "accountId");
    String callerAccount = FieldValidator.accountId(accountField.path(), accountField.optionalText());
    String principalArn = caller.principalArn() != null ? caller.principalArn()
        : callerAccount == null ? null : "arn:aws:iam::" + callerAccount + ":root";
    return new Subject(caller.principalType(), principalArn, null, sessionKey != null ? sessionKey : caller.accessKeyId(),
        roleArn == null ? null : "AwsIamRole", roleArn);
  }

  private static String callerAccount(String principalArn) {
    return org.irplaybooks.workflows.policy.TrustPolicyDocuments.accountOf(principalArn);
  }
}
