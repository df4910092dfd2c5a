package org.irplaybooks.starter.listener.parsing;

import static org.irplaybooks.starter.listener.parsing.Normalizers.firstNonNull;

import java.time.Instant;
import org.irplaybooks.workflows.incident.Subject;

/** The parts of a CloudTrail record that the API-call and console sign-in events share. */
record CloudTrailRecord(
    String eventId, String eventName, String account, String region, Instant eventTime, Subject subject, String remoteIp) {

  static CloudTrailRecord read(EventEnvelope event) {
    Field d = event.detail();
    String eventId = FieldValidator.findingId(d.get("eventID").path(), d.get("eventID").requiredText());
    String eventName = FieldValidator.eventName(d.get("eventName").path(), d.get("eventName").requiredText());
    String account = Normalizers.required(FieldValidator.accountId(d.get("recipientAccountId").path(),
        firstNonNull(d.get("recipientAccountId").optionalText(), event.account())),
        d.get("recipientAccountId").path(), "or the event's account");
    String region = Normalizers.required(FieldValidator.region(d.get("awsRegion").path(),
        firstNonNull(d.get("awsRegion").optionalText(), event.region())), d.get("awsRegion").path(), "or the event's region");
    Instant eventTime = firstNonNull(d.get("eventTime").optionalInstant(), event.time());

    Field identity = d.get("userIdentity").requireObject();
    String type = FieldValidator.principalType(identity.get("type").path(), identity.get("type").optionalText());
    String arn = FieldValidator.arn(identity.get("arn").path(), identity.get("arn").optionalText());
    Field userNameField = identity.get("userName");
    String userName = userNameField.optionalText();
    String userNamePath = userNameField.path();
    if (userName == null && arn != null) {
      // Roles and root carry no userName; the ARN's last part (role session, "root") names them.
      userName = Normalizers.lastArnPart(arn);
      userNamePath = identity.get("arn").path();
    }
    userName = FieldValidator.iamName(userNamePath, userName);
    String accessKeyId = FieldValidator.accessKeyId(identity.get("accessKeyId").path(), identity.get("accessKeyId").optionalText());

    Field source = d.get("sourceIPAddress");
    String sourceIp = source.optionalText();
    String remoteIp = null;
    if (sourceIp != null) {
      if (FieldValidator.isIpv4(sourceIp) || FieldValidator.isIpv6(sourceIp)) {
        remoteIp = sourceIp;
      } else if (!FieldValidator.isAwsServiceSource(sourceIp)) {
        throw new InvalidFieldException(source.path(), "not an IP address or an AWS service name");
      }
    }
    return new CloudTrailRecord(eventId, eventName, account, region, eventTime,
        new Subject(type, arn, userName, accessKeyId, null, null), remoteIp);
  }
}
