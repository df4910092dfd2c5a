package org.irplaybooks.workflows.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.irplaybooks.workflows.incident.EvidenceItem;
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.FindingSource;
import org.irplaybooks.workflows.incident.IncidentIds;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.incident.IncidentState;
import org.irplaybooks.workflows.incident.NotificationRecord;
import org.irplaybooks.workflows.incident.ResponsePolicy;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.incident.Subject;
import org.irplaybooks.workflows.playbook.IncidentSearchAttributes;
import org.irplaybooks.workflows.playbook.IncidentWorkflow;
import org.irplaybooks.workflows.ports.EvidenceActivities;
import org.irplaybooks.workflows.ports.NotificationActivities;

/** Findings, requests and activity mocks shared by the playbooks' workflow tests. */
public final class PlaybookFixtures {
  public static final String ACCOUNT = "123456789012";
  public static final String USER = "payments-deployer";
  public static final String KEY = "AKIAIOSFODNN7EXAMPLE";
  public static final Instant FIRST_SEEN = Instant.parse("2026-11-20T09:55:00Z");
  public static final ResponsePolicy POLICY = new ResponsePolicy(Duration.ofHours(4), Duration.ofHours(20));

  private PlaybookFixtures() {}

  /** A test environment extension with the incident search attributes registered. */
  public static TestWorkflowExtension.Builder extension() {
    TestWorkflowExtension.Builder builder = TestWorkflowExtension.newBuilder()
        .setDoNotStart(true)
        .setInitialTime(Instant.parse("2026-11-20T10:00:00Z"));
    IncidentSearchAttributes.definitions().forEach(builder::registerSearchAttribute);
    return builder;
  }

  public static Finding accessKeyFinding(Severity severity) {
    return new Finding(FindingSource.GUARDDUTY, "a1b2c3d4e5f60718293a4b5c6d7e8f90",
        "UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom", severity, ACCOUNT, "us-east-1",
        "API ListBuckets was invoked from an IP address on a custom threat list.", FIRST_SEEN, FIRST_SEEN, 1,
        new Subject("IAMUser", "arn:aws:iam::" + ACCOUNT + ":user/" + USER, USER, KEY, "AccessKey", null),
        "198.51.100.23", List.of("ListBuckets"));
  }

  public static final String ROLE = "web-app-role";
  public static final String SESSION_KEY = "ASIAQWERTYUIOPEXAMPL";
  public static final String INSTANCE = "i-0abc1234def567890";

  /** Instance credentials of {@link #ROLE} used from outside AWS; the finding names the instance when given. */
  public static Finding stolenSessionFinding(Severity severity, String instanceId) {
    return new Finding(FindingSource.GUARDDUTY, "5ac0ffee5ac0ffee5ac0ffee5ac0ffee",
        "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", severity, ACCOUNT, "us-east-1",
        "Credentials for instance role " + ROLE + " used from external IP address.", FIRST_SEEN, FIRST_SEEN, 1,
        new Subject("AssumedRole", null, ROLE, SESSION_KEY, "AccessKey", instanceId),
        "198.51.100.77", List.of("ListBuckets"));
  }

  public static final String FOREIGN_ACCOUNT = "999988887777";
  public static final String PARTNER_ACCOUNT = "111122223333";
  public static final String PARTNER_ROLE = "partner-reporting";
  public static final String FOREIGN_SESSION_KEY = "ASIAFOREIGNSESSION01";

  /** A CloudTrail AssumeRole into {@link #PARTNER_ROLE} by a role of {@link #FOREIGN_ACCOUNT}. */
  public static Finding assumeRoleFinding() {
    return new Finding(FindingSource.CLOUDTRAIL_API_CALL, "3f2b8c1e-0d4a-4b7e-9f1c-5a6b7c8d9e0f",
        "CloudTrail:AssumeRole", Severity.HIGH, ACCOUNT, "us-east-1",
        "AssumeRole (sts.amazonaws.com) by an account outside the trusted list", FIRST_SEEN, FIRST_SEEN, 1,
        new Subject("AssumedRole", "arn:aws:sts::" + FOREIGN_ACCOUNT + ":assumed-role/ops/attacker",
            null, FOREIGN_SESSION_KEY, "AwsIamRole", "arn:aws:iam::" + ACCOUNT + ":role/" + PARTNER_ROLE),
        "203.0.113.9", List.of("AssumeRole"));
  }

  public static IncidentRequest request(Finding finding, String playbook) {
    String caseId = IncidentIds.caseId(finding.accountId(), finding.findingId());
    return new IncidentRequest(caseId, playbook, finding, POLICY, Instant.parse("2026-11-20T10:00:00Z"));
  }

  public static WorkflowOptions options(IncidentRequest request, String taskQueue) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(IncidentIds.workflowId(request.caseId()))
        .setTaskQueue(taskQueue)
        .build();
  }

  /** An evidence mock that answers a plausible item for every write. */
  public static EvidenceActivities evidenceMock() {
    EvidenceActivities evidence = mock(EvidenceActivities.class, withSettings().withoutAnnotations());
    lenient().when(evidence.storeEvidence(any())).thenAnswer(call -> {
      EvidenceActivities.StoreEvidenceRequest r = call.getArgument(0);
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(r.content().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return new EvidenceItem(r.name(), "s3://evidence/cases/" + r.caseId() + "/" + r.name(),
          HexFormat.of().formatHex(digest), r.content().length(), r.contentType(), Instant.EPOCH);
    });
    return evidence;
  }

  public static NotificationActivities notificationMock() {
    NotificationActivities notifications = mock(NotificationActivities.class, withSettings().withoutAnnotations());
    lenient().when(notifications.notifyResponders(any())).thenAnswer(call -> {
      NotificationActivities.NotificationRequest r = call.getArgument(0);
      return new NotificationRecord("sns", r.event(), "arn:aws:sns:us-east-1:" + ACCOUNT + ":ir", true, "msg-1",
          Instant.EPOCH);
    });
    return notifications;
  }

  /** Polls the incident's state query until the condition holds (the mocks answer in real time). */
  public static IncidentState awaitState(WorkflowClient client, String workflowId, Predicate<IncidentState> condition) {
    IncidentWorkflow incident = client.newWorkflowStub(IncidentWorkflow.class, workflowId);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    IncidentState last = null;
    while (System.nanoTime() < deadline) {
      last = incident.state();
      if (condition.test(last)) return last;
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError("incident never reached the expected state; last phase: "
        + (last == null ? null : last.phase()));
  }

  public static WorkflowStub untyped(WorkflowClient client, String workflowId) {
    return client.newUntypedWorkflowStub(workflowId);
  }

  public static Map<String, IndexedValueType> searchAttributes() {
    return IncidentSearchAttributes.definitions();
  }
}
