package org.irplaybooks.starter.listener.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.irplaybooks.workflows.catalog.PlaybookCatalog;
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.FindingSource;
import org.irplaybooks.workflows.incident.IncidentIds;
import org.irplaybooks.workflows.incident.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {
  private final EventParser parser = EventParser.standard();

  private Finding only(ObjectNode event) {
    List<Finding> findings = parser.parse(event);
    assertThat(findings).hasSize(1);
    return findings.get(0);
  }

  @Test
  void guardDuty_accessKeyFinding_isNormalized() {
    Finding f = only(Events.json(Events.GUARDDUTY));

    assertThat(f.source()).isEqualTo(FindingSource.GUARDDUTY);
    assertThat(f.findingId()).isEqualTo("8ac6a3e1f2b04d9a9c5e7f1d2b3c4a5e");
    assertThat(f.findingType()).isEqualTo("UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom");
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.accountId()).isEqualTo("123456789012");
    assertThat(f.region()).isEqualTo("us-east-1");
    assertThat(f.count()).isEqualTo(3);
    assertThat(f.firstSeen()).isEqualTo(Instant.parse("2025-03-14T09:05:41Z"));
    assertThat(f.lastSeen()).isEqualTo(Instant.parse("2025-03-14T09:20:12Z"));
    assertThat(f.remoteIp()).isEqualTo("198.51.100.23");
    assertThat(f.apiCalls()).containsExactly("ListBuckets");
    assertThat(f.title()).startsWith("API ListBuckets was invoked");
    assertThat(f.subject().accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
    assertThat(f.subject().userName()).isEqualTo("alice");
    assertThat(f.subject().principalType()).isEqualTo("IAMUser");
    assertThat(f.subject().resourceType()).isEqualTo("AccessKey");
    assertThat(PlaybookCatalog.match(f).playbook()).isEqualTo(PlaybookCatalog.ACCESS_KEY_COMPROMISE);
  }

  @Test
  void securityHubCopyOfGuardDutyFinding_mapsToTheSameFindingAndCase() {
    Finding gd = only(Events.json(Events.GUARDDUTY));
    Finding sh = only(Events.json(Events.SECURITY_HUB_COPY));

    assertThat(sh.source()).isEqualTo(FindingSource.SECURITY_HUB);
    assertThat(sh.findingId()).isEqualTo(gd.findingId());
    assertThat(sh.findingType()).isEqualTo(gd.findingType());
    assertThat(sh.severity()).isEqualTo(gd.severity());
    assertThat(sh.subject().accessKeyId()).isEqualTo(gd.subject().accessKeyId());
    assertThat(sh.subject().userName()).isEqualTo("alice");
    assertThat(sh.count()).isEqualTo(3);
    assertThat(sh.remoteIp()).isEqualTo("198.51.100.23");
    assertThat(IncidentIds.caseId(sh.accountId(), sh.findingId()))
        .isEqualTo(IncidentIds.caseId(gd.accountId(), gd.findingId()));
  }

  @Test
  void securityHubNativeFinding_keepsItsIdAndFirstType() {
    ObjectNode event = Events.json(Events.SECURITY_HUB_COPY);
    ObjectNode finding = (ObjectNode) event.at("/detail/findings/0");
    finding.put("Id", "arn:aws:securityhub:us-east-1:123456789012:subscription/aws-foundational-security-best-practices/v/1.0.0/IAM.3/finding/1f2e3d4c-5b6a-7988-a0b1-c2d3e4f5a6b7");
    finding.putArray("Types").add("Software and Configuration Checks/Industry and Regulatory Standards");

    Finding f = only(event);

    assertThat(f.findingId()).startsWith("arn:aws:securityhub:");
    assertThat(f.findingType()).isEqualTo("Software and Configuration Checks/Industry and Regulatory Standards");
    assertThat(PlaybookCatalog.match(f).playbook()).isNull();
  }

  @ParameterizedTest
  @CsvSource({
      "TTPs/Initial Access/UnauthorizedAccess:IAMUser-TorIPCaller, UnauthorizedAccess:IAMUser/TorIPCaller",
      "TTPs/Discovery/UnauthorizedAccess:IAMUser-MaliciousIPCaller.Custom, UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom",
      "Effects/Resource Consumption/CryptoCurrency:EC2-BitcoinTool.B!DNS, CryptoCurrency:EC2/BitcoinTool.B!DNS",
      "TTPs/Command and Control/Backdoor:Lambda-C&CActivity.B, Backdoor:Lambda/C&CActivity.B",
      "TTPs/Persistence/UnauthorizedAccess:IAMUser-InstanceCredentialExfiltration.OutsideAWS, UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS"
  })
  void asffTypePath_convertsToGuardDutyType(String asff, String guardDuty) {
    assertThat(SecurityHubNormalizer.fromAsffType(asff)).isEqualTo(guardDuty);
  }

  @Test
  void asffTypeWithoutGuardDutyShape_isNotConverted() {
    assertThat(SecurityHubNormalizer.fromAsffType("Software and Configuration Checks/Vulnerabilities/CVE")).isNull();
  }

  @Test
  void securityHubGuardDutyImport_prefersTypeNamedInProductFields() {
    ObjectNode event = Events.json(Events.SECURITY_HUB_COPY);
    ((ObjectNode) event.at("/detail/findings/0/ProductFields")).put("aws/guardduty/service/type", "UnauthorizedAccess:IAMUser/TorIPCaller");

    assertThat(only(event).findingType()).isEqualTo("UnauthorizedAccess:IAMUser/TorIPCaller");
  }

  @Test
  void cloudTrailApiCall_isTypedByEventNameWithSeverityRule() {
    Finding f = only(Events.json(Events.CLOUDTRAIL));

    assertThat(f.source()).isEqualTo(FindingSource.CLOUDTRAIL_API_CALL);
    assertThat(f.findingId()).isEqualTo("0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e");
    assertThat(f.findingType()).isEqualTo("CloudTrail:StopLogging");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.region()).isEqualTo("eu-west-1");
    assertThat(f.remoteIp()).isEqualTo("198.51.100.23");
    assertThat(f.apiCalls()).containsExactly("StopLogging");
    assertThat(f.subject().principalArn()).isEqualTo("arn:aws:iam::123456789012:user/alice");
    assertThat(f.subject().userName()).isEqualTo("alice");
    assertThat(f.subject().accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
    assertThat(f.firstSeen()).isEqualTo(Instant.parse("2025-03-14T10:02:09Z"));
  }

  @Test
  void cloudTrailOrdinaryCall_isMedium_andRoleSessionNamedFromArn() {
    ObjectNode event = Events.json(Events.CLOUDTRAIL);
    Events.at(event, "detail").put("eventName", "ListUsers").put("sourceIPAddress", "ec2.amazonaws.com");
    ObjectNode identity = Events.at(event, "detail", "userIdentity");
    identity.put("type", "AssumedRole").put("arn", "arn:aws:sts::123456789012:assumed-role/Deploy/ci-session")
        .put("accessKeyId", "ASIAIOSFODNN7EXAMPLE").remove("userName");

    Finding f = only(event);

    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.subject().userName()).isEqualTo("ci-session");
    assertThat(f.remoteIp()).isNull();
  }

  /** An AssumeRole into our role by a role session of another account, as CloudTrail records it. */
  static ObjectNode crossAccountAssumeRole(String callerAccount) {
    ObjectNode event = Events.json(Events.CLOUDTRAIL);
    ObjectNode detail = Events.at(event, "detail");
    detail.put("eventName", "AssumeRole").put("eventSource", "sts.amazonaws.com").put("recipientAccountId", "123456789012");
    ObjectNode identity = Events.at(event, "detail", "userIdentity");
    identity.removeAll();
    identity.put("type", "AWSAccount").put("principalId", "AROAEXAMPLEFOREIGN:attacker").put("accountId", callerAccount);
    detail.putObject("requestParameters").put("roleArn", "arn:aws:iam::123456789012:role/partner-reporting")
        .put("roleSessionName", "attacker");
    detail.putObject("responseElements").putObject("credentials").put("accessKeyId", "ASIAFOREIGNSESSION01")
        .put("expiration", "Mar 14, 2025, 11:02:09 AM");
    return event;
  }

  @Test
  void cloudTrailAssumeRole_fromAnotherAccount_isHigh_withTheRoleAsResource_andTheSessionKey() {
    Finding f = only(crossAccountAssumeRole("999988887777"));

    assertThat(f.findingType()).isEqualTo("CloudTrail:AssumeRole");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.subject().resourceType()).isEqualTo("AwsIamRole");
    assertThat(f.subject().resourceId()).isEqualTo("arn:aws:iam::123456789012:role/partner-reporting");
    assertThat(f.subject().principalArn()).isEqualTo("arn:aws:iam::999988887777:root");
    assertThat(f.subject().accessKeyId()).isEqualTo("ASIAFOREIGNSESSION01");
    assertThat(f.subject().userName()).isNull();
  }

  @Test
  void cloudTrailAssumeRole_withinTheAccount_isMedium() {
    assertThat(only(crossAccountAssumeRole("123456789012")).severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void cloudTrailAssumeRole_withAnInvalidRoleArn_isRefusedByField() {
    ObjectNode event = crossAccountAssumeRole("999988887777");
    Events.at(event, "detail", "requestParameters").put("roleArn", "arn:aws:iam::123\"}:role/x");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> only(event))
        .isInstanceOf(InvalidFieldException.class).hasMessageContaining("requestParameters.roleArn");
  }

  @Test
  void consoleSignIn_rootWithoutMfa_isCritical() {
    Finding f = only(Events.json(Events.CONSOLE_SIGN_IN));

    assertThat(f.source()).isEqualTo(FindingSource.CONSOLE_SIGN_IN);
    assertThat(f.findingType()).isEqualTo("CloudTrail:ConsoleLogin");
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.subject().principalType()).isEqualTo("Root");
    assertThat(f.subject().userName()).isEqualTo("root");
    assertThat(f.remoteIp()).isEqualTo("2001:db8:85a3::8a2e:370:7334");
    assertThat(f.title()).contains("Success").contains("MFA No");
  }

  @ParameterizedTest
  @CsvSource({
      "Root, Success, Yes, HIGH",
      "IAMUser, Success, No, MEDIUM",
      "IAMUser, Success, Yes, LOW",
      "IAMUser, Failure, No, LOW"
  })
  void consoleSignIn_severityRule(String type, String result, String mfa, Severity expected) {
    ObjectNode event = Events.json(Events.CONSOLE_SIGN_IN);
    Events.at(event, "detail", "userIdentity").put("type", type);
    Events.at(event, "detail", "responseElements").put("ConsoleLogin", result);
    Events.at(event, "detail", "additionalEventData").put("MFAUsed", mfa);

    assertThat(only(event).severity()).isEqualTo(expected);
  }

  @Test
  void healthCredentialsExposed_isCriticalWithTheExposedKey() {
    Finding f = only(Events.json(Events.HEALTH));

    assertThat(f.source()).isEqualTo(FindingSource.AWS_HEALTH);
    assertThat(f.findingType()).isEqualTo("AWS_RISK_CREDENTIALS_EXPOSED");
    assertThat(f.findingId()).isEqualTo(
        "arn:aws:health:global::event/RISK/AWS_RISK_CREDENTIALS_EXPOSED/AWS_RISK_CREDENTIALS_EXPOSED_0e1f2a3b4c5d");
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.subject().accessKeyId()).isEqualTo("AKIAI44QH8DHBEXAMPLE");
    assertThat(f.firstSeen()).isEqualTo(Instant.parse("2025-03-14T11:58:00Z"));
    assertThat(PlaybookCatalog.match(f).playbook()).isEqualTo(PlaybookCatalog.ACCESS_KEY_COMPROMISE);
  }

  @Test
  void healthEventNamingTwoKeys_givesOneFindingPerKey() {
    ObjectNode event = Events.json(Events.HEALTH);
    ((ArrayNode) event.at("/detail/affectedEntities")).addObject().put("entityValue", "AKIAJ55RI9EICEXAMPLE");

    List<Finding> findings = parser.parse(event);

    assertThat(findings).extracting(f -> f.subject().accessKeyId())
        .containsExactly("AKIAI44QH8DHBEXAMPLE", "AKIAJ55RI9EICEXAMPLE");
    assertThat(findings).extracting(Finding::findingId).doesNotHaveDuplicates()
        .allMatch(id -> id.startsWith("arn:aws:health:global::event/"));
  }

  @Test
  void otherHealthEvent_isALowFindingNoPlaybookHandles() {
    ObjectNode event = Events.json(Events.HEALTH);
    Events.at(event, "detail").put("eventTypeCode", "AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED").remove("affectedEntities");

    Finding f = only(event);

    assertThat(f.severity()).isEqualTo(Severity.LOW);
    assertThat(PlaybookCatalog.match(f).ignoredReason()).contains("AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED");
  }

  @ParameterizedTest
  @CsvSource({"0, LOW", "3.9, LOW", "4, MEDIUM", "6.9, MEDIUM", "7, HIGH", "8.9, HIGH", "9, CRITICAL", "10, CRITICAL"})
  void guardDutySeverity_isNormalized(double score, Severity expected) {
    ObjectNode event = Events.json(Events.GUARDDUTY);
    Events.at(event, "detail").put("severity", score);

    assertThat(only(event).severity()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"INFORMATIONAL, LOW", "LOW, LOW", "MEDIUM, MEDIUM", "HIGH, HIGH", "CRITICAL, CRITICAL"})
  void asffSeverityLabel_isNormalized(String label, Severity expected) {
    ObjectNode event = Events.json(Events.SECURITY_HUB_COPY);
    ((ObjectNode) event.at("/detail/findings/0/Severity")).put("Label", label);

    assertThat(only(event).severity()).isEqualTo(expected);
  }

  @Test
  void arrayOfEvents_namesTheElementInTheFieldPath() {
    ArrayNode batch = JsonNodeFactory.instance.arrayNode();
    batch.add(Events.json(Events.GUARDDUTY));
    ObjectNode bad = Events.json(Events.GUARDDUTY);
    Events.at(bad, "detail", "resource", "accessKeyDetails").put("userName", "../../etc");
    batch.add(bad);

    assertThatThrownBy(() -> parser.parse(batch))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessage("[1].detail.resource.accessKeyDetails.userName: not a valid IAM user name");
  }

  @Test
  void severityAsString_isRefusedNamingTheField() {
    ObjectNode event = Events.json(Events.GUARDDUTY);
    Events.at(event, "detail").put("severity", "abc");

    assertThatThrownBy(() -> parser.parse(event)).isInstanceOf(InvalidFieldException.class)
        .hasMessage("detail.severity: must be a number");
  }

  @Test
  void severityOutOfRange_isRefused() {
    ObjectNode event = Events.json(Events.GUARDDUTY);
    Events.at(event, "detail").put("severity", 11);

    assertThatThrownBy(() -> parser.parse(event)).hasMessage("detail.severity: must be between 0 and 10");
  }

  @Test
  void unknownDetailType_isRefusedNamingDetailType() {
    ObjectNode event = Events.json(Events.GUARDDUTY);
    event.put("detail-type", "EC2 Instance State-change Notification");

    assertThatThrownBy(() -> parser.parse(event)).isInstanceOf(UnsupportedEventException.class)
        .hasMessageStartingWith("detail-type: unsupported detail-type 'EC2 Instance State-change Notification'");
  }

  @Test
  void securityHubBadLabel_namesTheFindingIndex() {
    ObjectNode event = Events.json(Events.SECURITY_HUB_COPY);
    ((ObjectNode) event.at("/detail/findings/0/Severity")).put("Label", "SEVERE");

    assertThatThrownBy(() -> parser.parse(event))
        .hasMessageStartingWith("detail.findings[0].Severity.Label: must be");
  }
}
