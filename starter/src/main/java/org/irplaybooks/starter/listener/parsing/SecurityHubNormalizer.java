package org.irplaybooks.starter.listener.parsing;

import static org.irplaybooks.starter.listener.parsing.Normalizers.firstNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.FindingSource;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.incident.Subject;

/**
 * {@code Security Hub Findings - Imported}: {@code detail.findings[]} in ASFF. A GuardDuty finding
 * imported into Security Hub is the same finding, not a new one: its ASFF {@code Id} is the
 * GuardDuty finding's ARN, so it is normalized to the GuardDuty finding id and type and lands on the
 * same incident as the GuardDuty event.
 */
public class SecurityHubNormalizer implements EventNormalizer {
  public static final String DETAIL_TYPE = "Security Hub Findings - Imported";

  private static final Pattern GUARDDUTY_FINDING_ARN = Pattern.compile(
      "^arn:aws(-[a-z]+){0,3}:guardduty:[a-z0-9-]+:\\d{12}:detector/[A-Za-z0-9]{1,64}/finding/([A-Za-z0-9]{1,128})$");
  private static final Pattern ACCESS_KEY_IN_ID = Pattern.compile("((AKIA|ASIA)[A-Z0-9]{16})$");

  @Override
  public String detailType() {
    return DETAIL_TYPE;
  }

  @Override
  public List<Finding> normalize(EventEnvelope event) {
    List<Finding> findings = new ArrayList<>();
    for (Field f : event.detail().get("findings").requiredArray()) {
      f.requireObject();
      findings.add(normalizeOne(f, event));
    }
    return findings;
  }

  private Finding normalizeOne(Field f, EventEnvelope event) {
    Field idField = f.get("Id");
    String asffId = idField.requiredText();
    if (asffId.length() > FieldValidator.MAX_ARN_LENGTH) {
      throw new InvalidFieldException(idField.path(), "longer than " + FieldValidator.MAX_ARN_LENGTH + " characters");
    }
    Matcher gd = GUARDDUTY_FINDING_ARN.matcher(asffId);
    boolean fromGuardDuty = gd.matches();
    String findingId = fromGuardDuty ? gd.group(2) : FieldValidator.findingId(idField.path(), asffId);

    String account = FieldValidator.accountId(f.get("AwsAccountId").path(), f.get("AwsAccountId").requiredText());
    String region = Normalizers.required(
        FieldValidator.region(f.get("Region").path(), firstNonNull(f.get("Region").optionalText(), event.region())),
        f.get("Region").path(), "the finding's region");

    String type = fromGuardDuty ? guardDutyType(f) : null;
    if (type == null) {
      List<Field> types = f.get("Types").requiredArray();
      if (types.isEmpty()) throw new InvalidFieldException(f.get("Types").path(), "must name at least one type");
      type = FieldValidator.findingType(types.get(0).path(), types.get(0).requiredText());
    }

    Field label = f.at("Severity", "Label");
    Severity severity;
    try {
      severity = Severity.fromAsffLabel(label.requiredText());
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(label.path(), "must be INFORMATIONAL, LOW, MEDIUM, HIGH or CRITICAL");
    }

    String title = FieldValidator.displayText(firstNonNull(f.get("Title").optionalText(), type));
    Instant firstSeen = firstNonNull(f.get("FirstObservedAt").optionalInstant(), f.get("CreatedAt").optionalInstant(), event.time());
    Instant lastSeen = firstNonNull(f.get("LastObservedAt").optionalInstant(), f.get("UpdatedAt").optionalInstant(), firstSeen);
    Field productFields = f.get("ProductFields");
    productFields.optionalObject();
    Long count = productFields.get("aws/guardduty/service/count").optionalCount();

    List<String> apiCalls = new ArrayList<>();
    Field apiCall = f.at("Action", "AwsApiCallAction");
    String remoteIp = null;
    if (apiCall.optionalObject() != null) {
      String api = FieldValidator.eventName(apiCall.get("Api").path(), apiCall.get("Api").optionalText());
      if (api != null) apiCalls.add(api);
      remoteIp = ip(apiCall.at("RemoteIpDetails", "IpAddressV4"));
    }
    if (remoteIp == null) remoteIp = ip(f.at("Action", "NetworkConnectionAction", "RemoteIpDetails", "IpAddressV4"));
    if (remoteIp == null) remoteIp = ip(f.at("Network", "SourceIpV4"));

    return new Finding(FindingSource.SECURITY_HUB, findingId, type, severity, account, region, title,
        firstSeen, lastSeen, count == null ? 1 : count, subject(f.get("Resources")), remoteIp, apiCalls);
  }

  /**
   * The GuardDuty type of an imported GuardDuty finding. ProductFields are preferred when they name
   * it (an {@code aws/guardduty/…/type} entry shaped like a GuardDuty type; in the samples we have
   * seen they do not). Otherwise it is read back from the ASFF type path: {@code TTPs/Initial
   * Access/UnauthorizedAccess:IAMUser-TorIPCaller} becomes {@code UnauthorizedAccess:IAMUser/TorIPCaller}.
   */
  static String guardDutyType(Field f) {
    for (Map.Entry<String, Field> e : f.get("ProductFields").entries()) {
      String key = e.getKey();
      if (key.startsWith("aws/guardduty/") && (key.endsWith("/type") || key.endsWith("/findingType"))
          && e.getValue().node().isTextual() && FieldValidator.isGuardDutyType(e.getValue().node().textValue())) {
        return e.getValue().node().textValue();
      }
    }
    for (Field t : f.get("Types").optionalArray()) {
      String converted = fromAsffType(t.requiredText());
      if (converted != null) return converted;
    }
    return null;
  }

  /** {@code …/Tactic:Resource-ThreatName} → {@code Tactic:Resource/ThreatName}, or null when not of that shape. */
  static String fromAsffType(String asffType) {
    String last = asffType.substring(asffType.lastIndexOf('/') + 1);
    int colon = last.indexOf(':');
    if (colon < 0) return null;
    int dash = last.indexOf('-', colon);
    if (dash < 0) return null;
    String type = last.substring(0, dash) + "/" + last.substring(dash + 1);
    return FieldValidator.isGuardDutyType(type) ? type : null;
  }

  private static Subject subject(Field resources) {
    String principalType = null;
    String userName = null;
    String accessKeyId = null;
    String resourceType = null;
    String resourceId = null;
    String principalArn = null;
    for (Field r : resources.optionalArray()) {
      r.requireObject();
      String type = FieldValidator.word(r.get("Type").path(), r.get("Type").requiredText());
      Field idField = r.get("Id");
      String id = idField.optionalText();
      if (id != null && id.length() > FieldValidator.MAX_ARN_LENGTH) {
        throw new InvalidFieldException(idField.path(), "longer than " + FieldValidator.MAX_ARN_LENGTH + " characters");
      }
      switch (type) {
        case "AwsIamAccessKey" -> {
          Field k = r.at("Details", "AwsIamAccessKey");
          k.optionalObject();
          String name = firstNonNull(k.get("PrincipalName").optionalText(), k.get("UserName").optionalText());
          String namePath = k.get("PrincipalName").present() ? k.get("PrincipalName").path() : k.get("UserName").path();
          userName = FieldValidator.iamName(namePath, name);
          FieldValidator.principalId(k.get("PrincipalId").path(), k.get("PrincipalId").optionalText());
          principalType = FieldValidator.principalType(k.get("PrincipalType").path(), k.get("PrincipalType").optionalText());
          String keyId = k.get("AccessKeyId").optionalText();
          String keyPath = k.get("AccessKeyId").path();
          if (keyId == null && id != null) {
            // GuardDuty's imports name the key in the resource id: AWS::IAM::AccessKey:AKIA….
            Matcher m = ACCESS_KEY_IN_ID.matcher(id);
            keyId = m.find() ? m.group(1) : null;
            keyPath = idField.path();
          }
          accessKeyId = FieldValidator.accessKeyId(keyPath, keyId);
          resourceType = type;
        }
        case "AwsEc2Instance" -> {
          if (id != null && resourceId == null) {
            resourceId = FieldValidator.instanceId(idField.path(), Normalizers.lastArnPart(FieldValidator.arn(idField.path(), id)));
            resourceType = resourceType == null ? type : resourceType;
          }
        }
        case "AwsS3Bucket" -> {
          if (id != null && resourceId == null) {
            resourceId = FieldValidator.bucketName(idField.path(), Normalizers.lastArnPart(FieldValidator.arn(idField.path(), id)));
            resourceType = resourceType == null ? type : resourceType;
          }
        }
        case "AwsIamUser", "AwsIamRole" -> {
          if (id != null && id.startsWith("arn:") && principalArn == null) {
            principalArn = FieldValidator.arn(idField.path(), id);
          }
        }
        default -> {
          // Other resource types are kept out of the subject; their ids are not interpreted.
        }
      }
    }
    return new Subject(principalType, principalArn, userName, accessKeyId, resourceType, resourceId);
  }

  private static String ip(Field f) {
    return FieldValidator.ipAddress(f.path(), f.optionalText());
  }
}
