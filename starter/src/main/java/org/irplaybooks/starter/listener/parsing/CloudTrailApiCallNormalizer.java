package org.irplaybooks.starter.listener.parsing;

import java.util.List;
import java.util.Set;
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.FindingSource;
import org.irplaybooks.workflows.incident.Severity;

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
    Severity severity = "Root".equals(r.subject().principalType()) || DEFENSE_EVASION.contains(r.eventName())
        ? Severity.HIGH : Severity.MEDIUM;
    String title = r.eventName() + (eventSource == null ? "" : " (" + eventSource + ")") + " by "
        + r.subject().displayName() + (errorCode == null ? "" : ", failed with " + errorCode);
    return List.of(new Finding(FindingSource.CLOUDTRAIL_API_CALL, r.eventId(), TYPE_PREFIX + r.eventName(), severity,
        r.account(), r.region(), title, r.eventTime(), r.eventTime(), 1, r.subject(), r.remoteIp(), List.of(r.eventName())));
  }
}
