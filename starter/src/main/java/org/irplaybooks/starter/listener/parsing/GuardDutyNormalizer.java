package org.irplaybooks.starter.listener.parsing;

import static org.irplaybooks.starter.listener.parsing.Normalizers.firstNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.FindingSource;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.incident.Subject;

/** {@code GuardDuty Finding}: one GuardDuty finding per event. */
public class GuardDutyNormalizer implements EventNormalizer {
  public static final String DETAIL_TYPE = "GuardDuty Finding";

  @Override
  public String detailType() {
    return DETAIL_TYPE;
  }

  @Override
  public List<Finding> normalize(EventEnvelope event) {
    Field d = event.detail();
    String findingId = FieldValidator.findingId(d.get("id").path(), d.get("id").requiredText());
    String type = FieldValidator.findingType(d.get("type").path(), d.get("type").requiredText());
    Field severityField = d.get("severity");
    double score = severityField.requiredNumber();
    if (score < 0 || score > 10) throw new InvalidFieldException(severityField.path(), "must be between 0 and 10");
    Severity severity = Severity.fromGuardDutyScore(score);
    // In a delegated-administrator setup the envelope's account is the administrator's; the
    // finding's own accountId is the member account the resource lives in.
    String account = Normalizers.required(
        FieldValidator.accountId(d.get("accountId").path(), firstNonNull(d.get("accountId").optionalText(), event.account())),
        d.get("accountId").path(), "the finding's account");
    String region = Normalizers.required(
        FieldValidator.region(d.get("region").path(), firstNonNull(d.get("region").optionalText(), event.region())),
        d.get("region").path(), "the finding's region");
    String title = FieldValidator.displayText(firstNonNull(d.get("title").optionalText(), type));

    Subject subject = subject(d.get("resource"));

    Field service = d.get("service");
    service.optionalObject();
    Long count = service.get("count").optionalCount();
    Instant firstSeen = firstNonNull(service.get("eventFirstSeen").optionalInstant(), d.get("createdAt").optionalInstant(), event.time());
    Instant lastSeen = firstNonNull(service.get("eventLastSeen").optionalInstant(), d.get("updatedAt").optionalInstant(), firstSeen);

    Field action = service.get("action");
    action.optionalObject();
    List<String> apiCalls = new ArrayList<>();
    String remoteIp = null;
    Field apiCall = action.get("awsApiCallAction");
    if (apiCall.optionalObject() != null) {
      String api = FieldValidator.eventName(apiCall.get("api").path(), apiCall.get("api").optionalText());
      if (api != null) apiCalls.add(api);
      remoteIp = remoteIp(apiCall.get("remoteIpDetails"));
    }
    for (String kind : List.of("networkConnectionAction", "kubernetesApiCallAction", "rdsLoginAttemptAction")) {
      Field a = action.get(kind);
      if (remoteIp == null && a.optionalObject() != null) remoteIp = remoteIp(a.get("remoteIpDetails"));
    }
    Field portProbe = action.at("portProbeAction", "portProbeDetails");
    for (Field probe : portProbe.optionalArray()) {
      if (remoteIp == null) remoteIp = remoteIp(probe.get("remoteIpDetails"));
    }

    return List.of(new Finding(FindingSource.GUARDDUTY, findingId, type, severity, account, region, title,
        firstSeen, lastSeen, count == null ? 1 : count, subject, remoteIp, apiCalls));
  }

  private static Subject subject(Field resource) {
    if (resource.optionalObject() == null) return new Subject(null, null, null, null, null, null);
    String resourceType = FieldValidator.word(resource.get("resourceType").path(), resource.get("resourceType").optionalText());
    String userType = null;
    String userName = null;
    String accessKeyId = null;
    Field key = resource.get("accessKeyDetails");
    if (key.optionalObject() != null) {
      accessKeyId = FieldValidator.accessKeyId(key.get("accessKeyId").path(), key.get("accessKeyId").optionalText());
      FieldValidator.principalId(key.get("principalId").path(), key.get("principalId").optionalText());
      userName = FieldValidator.iamName(key.get("userName").path(), key.get("userName").optionalText());
      userType = FieldValidator.principalType(key.get("userType").path(), key.get("userType").optionalText());
    }
    String resourceId = null;
    Field instance = resource.get("instanceDetails");
    if (instance.optionalObject() != null) {
      resourceId = FieldValidator.instanceId(instance.get("instanceId").path(), instance.get("instanceId").optionalText());
    }
    for (Field bucket : resource.get("s3BucketDetails").optionalArray()) {
      String name = FieldValidator.bucketName(bucket.get("name").path(), bucket.get("name").optionalText());
      if (resourceId == null) resourceId = name;
    }
    return new Subject(userType, null, userName, accessKeyId, resourceType, resourceId);
  }

  private static String remoteIp(Field details) {
    if (details.optionalObject() == null) return null;
    String v4 = FieldValidator.ipAddress(details.get("ipAddressV4").path(), details.get("ipAddressV4").optionalText());
    String v6 = FieldValidator.ipAddress(details.get("ipAddressV6").path(), details.get("ipAddressV6").optionalText());
    return firstNonNull(v4, v6);
  }
}
