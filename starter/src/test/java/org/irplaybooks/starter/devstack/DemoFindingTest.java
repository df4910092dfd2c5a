package org.irplaybooks.starter.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoFindingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
  private static final Instant NOW = Instant.parse("2025-03-14T10:15:30.123456Z");

  private static DemoFinding finding() {
    return DemoFinding.create("123456789012", "us-east-1", KEY, "AIDAEXAMPLEPRINCIPAL1", "payments-deployer",
        NOW, DemoFinding.newFindingId());
  }

  @Test
  void isAGuardDutyFindingEventForTheKey() throws Exception {
    DemoFinding finding = finding();
    JsonNode event = JSON.readTree(finding.json());
    assertThat(event.path("detail-type").asText()).isEqualTo("GuardDuty Finding");
    assertThat(event.path("source").asText()).isEqualTo("aws.guardduty");
    assertThat(event.path("account").asText()).isEqualTo("123456789012");
    assertThat(event.path("region").asText()).isEqualTo("us-east-1");

    JsonNode detail = event.path("detail");
    assertThat(detail.path("type").asText()).isEqualTo("UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom");
    assertThat(detail.path("severity").asDouble()).isEqualTo(8.0);
    assertThat(detail.path("id").asText()).isEqualTo(finding.findingId()).matches("[0-9a-f]{32}");
    assertThat(detail.path("arn").asText())
        .startsWith("arn:aws:guardduty:us-east-1:123456789012:detector/").endsWith("/finding/" + finding.findingId());
    assertThat(detail.path("resource").path("resourceType").asText()).isEqualTo("AccessKey");
    JsonNode key = detail.path("resource").path("accessKeyDetails");
    assertThat(key.path("accessKeyId").asText()).isEqualTo(KEY);
    assertThat(key.path("principalId").asText()).isEqualTo("AIDAEXAMPLEPRINCIPAL1");
    assertThat(key.path("userName").asText()).isEqualTo("payments-deployer");
    assertThat(key.path("userType").asText()).isEqualTo("IAMUser");

    JsonNode service = detail.path("service");
    JsonNode call = service.path("action").path("awsApiCallAction");
    assertThat(call.path("api").asText()).isEqualTo("ListBuckets");
    assertThat(call.path("serviceName").asText()).isEqualTo("s3.amazonaws.com");
    assertThat(call.path("remoteIpDetails").path("ipAddressV4").asText()).isEqualTo("198.51.100.23");
    assertThat(service.path("count").asInt()).isEqualTo(1);
    Instant firstSeen = Instant.parse(service.path("eventFirstSeen").asText());
    Instant lastSeen = Instant.parse(service.path("eventLastSeen").asText());
    assertThat(firstSeen).isBefore(NOW).isAfter(NOW.minus(Duration.ofMinutes(10)));
    assertThat(lastSeen).isBeforeOrEqualTo(NOW).isAfterOrEqualTo(firstSeen);
    assertThat(Instant.parse(event.path("time").asText())).isBeforeOrEqualTo(NOW);
    assertThat(detail.path("description").asText()).contains("payments-deployer").doesNotContain("filled-in");
    assertThat(finding.json()).doesNotContain("filled-in");
  }

  @Test
  void everyRunHasAFreshFindingId() {
    assertThat(finding().findingId()).isNotEqualTo(finding().findingId());
  }

  @Test
  void fieldsAreSetAsDataNotSpliced() throws Exception {
    String hostile = "x\",\"injected\":\"1";
    DemoFinding finding = DemoFinding.create("123456789012", "us-east-1", KEY, "AIDA", hostile, NOW, "f1");
    JsonNode key = JSON.readTree(finding.json()).path("detail").path("resource").path("accessKeyDetails");
    assertThat(key.path("userName").asText()).isEqualTo(hostile);
    assertThat(key.has("injected")).isFalse();
  }

  @Test
  void theAttackerActivityIsAPlausibleTimelineForTheKey() {
    DemoFinding finding = finding();
    List<DemoTrailEvent> events = finding.attackerActivity();
    assertThat(events).extracting(DemoTrailEvent::eventName).contains(
        "GetCallerIdentity", "ListBuckets", "ListUsers", "CreateUser", "AttachUserPolicy", "CreateAccessKey", "GetObject");
    assertThat(events).filteredOn(DemoTrailEvent::failed).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(e -> assertThat(e.errorCode()).isEqualTo("AccessDenied"));
    assertThat(events).allSatisfy(e -> {
      assertThat(e.accessKeyId()).isEqualTo(KEY);
      assertThat(e.userName()).isEqualTo("payments-deployer");
      assertThat(e.sourceIp()).isEqualTo("198.51.100.23");
      assertThat(e.eventSource()).endsWith(".amazonaws.com");
      assertThat(e.userAgent()).isNotBlank();
      assertThat(e.eventTime()).isBefore(NOW);
    });
    assertThat(events).extracting(DemoTrailEvent::eventTime).isSorted();
    assertThat(events).filteredOn(e -> e.eventName().equals("ListBuckets")).singleElement()
        .satisfies(e -> assertThat(e.eventTime()).isEqualTo(finding.seenAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
  }
}
