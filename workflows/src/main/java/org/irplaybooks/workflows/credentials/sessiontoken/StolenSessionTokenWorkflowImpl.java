package org.irplaybooks.workflows.credentials.sessiontoken;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.irplaybooks.workflows.incident.ApprovalRequest;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.incident.Outcome;
import org.irplaybooks.workflows.incident.Subject;
import org.irplaybooks.workflows.playbook.ActivityDefaults;
import org.irplaybooks.workflows.playbook.PlaybookWorkflow;
import org.irplaybooks.workflows.playbook.PrincipalContainment;
import org.irplaybooks.workflows.playbook.PrincipalContainment.ContainedRole;
import org.irplaybooks.workflows.playbook.TrailInvestigation;
import org.irplaybooks.workflows.ports.Ec2InstanceActivities;
import org.irplaybooks.workflows.ports.Ec2InstanceActivities.InstanceRef;
import org.irplaybooks.workflows.ports.Ec2InstanceActivities.InstancesByProfileRequest;
import org.irplaybooks.workflows.ports.Ec2InstanceActivities.MetadataOptions;
import org.irplaybooks.workflows.ports.Ec2InstanceActivities.SetMetadataOptionsRequest;
import org.irplaybooks.workflows.report.IncidentReport;
import org.irplaybooks.workflows.report.ReportRenderer;

/**
 * Containment: the role's sessions issued before now are revoked (through {@link
 * PrincipalContainment}), and the source instance — named by the finding, or found by the role's
 * instance profiles — must use IMDSv2 from then on, its previous metadata options kept for the
 * rollback. Investigation: CloudTrail events of the stolen {@code ASIA…} key and the role's recent
 * sessions, mapped to ATT&amp;CK. Recovery after approval: the revocation stays until the longest
 * session the role allows has expired (a durable timer), unless the approver lifts it sooner.
 */
public class StolenSessionTokenWorkflowImpl extends PlaybookWorkflow implements StolenSessionTokenWorkflow {
  /** Events are read from this long before the finding was first seen, to catch the lead-up. */
  static final Duration LOOKBACK = Duration.ofHours(1);
  /** The longest session any role allows: the hold when the role's own maximum is unknown. */
  static final Duration LONGEST_ROLE_SESSION = Duration.ofHours(12);
  static final String IMDS_V2_ONLY = "required";

  private final Ec2InstanceActivities ec2 =
      Workflow.newActivityStub(Ec2InstanceActivities.class, ActivityDefaults.AWS_CALL);
  private final PrincipalContainment containment = new PrincipalContainment(this);
  private final TrailInvestigation trail = new TrailInvestigation(this);

  private final String account;
  private final String region;
  private final String accessKeyId;
  private final String roleName;
  private ContainedRole role;
  private final List<String> hardenedInstances = new ArrayList<>();
  private LiftRevocationRequest lift;
  private boolean holdingRevocation;

  @WorkflowInit
  public StolenSessionTokenWorkflowImpl(IncidentRequest request) {
    super(request);
    Subject subject = request.finding().subject();
    this.account = request.finding().accountId();
    this.region = request.finding().region();
    this.accessKeyId = subject == null ? null : subject.accessKeyId();
    String name = subject == null ? null : subject.userName();
    this.roleName = name != null ? name : PrincipalContainment.roleNameFromArn(subject == null ? null : subject.principalArn());
  }

  @Override
  public IncidentReport run(IncidentRequest request) {
    return runPlaybook();
  }

  @Override
  protected void contain() {
    if (roleName != null) {
      role = containment.containRole(account, roleName);
    } else {
      skip("Revoke role sessions", accessKeyId == null ? "unknown role" : accessKeyId, "the finding names no role");
    }
    for (String instanceId : sourceInstances()) requireImdsV2(instanceId);
  }

  /** The instance the finding names, else the instances that run with the role's instance profiles. */
  private List<String> sourceInstances() {
    Subject subject = finding.subject();
    if (subject != null && subject.resourceId() != null && subject.resourceId().startsWith("i-")) {
      return List.of(subject.resourceId());
    }
    if (role == null || role.before() == null) {
      skip("Require IMDSv2", "source instance", "the finding names no instance and the role's instance profiles are unknown");
      return List.of();
    }
    List<String> profiles = role.before().instanceProfileArns();
    if (profiles.isEmpty()) {
      skip("Require IMDSv2", "role/" + roleName, "the role is in no instance profile: the token came from elsewhere");
      return List.of();
    }
    List<String> found = step("Find instances using the role's instance profiles", "role/" + roleName, null,
        () -> ec2.findInstancesByProfile(new InstancesByProfileRequest(account, region, profiles)), null)
        .orElse(List.of());
    if (found.isEmpty()) skip("Require IMDSv2", "role/" + roleName, "no running instance uses the role's profiles");
    return found;
  }

  private void requireImdsV2(String instanceId) {
    String resource = "instance/" + instanceId;
    Optional<MetadataOptions> before = step("Capture instance metadata options", resource, null,
        () -> ec2.describeMetadataOptions(new InstanceRef(account, region, instanceId)), null);
    if (before.isEmpty()) {
      // Without the previous options the change could not be undone exactly: leave it to a person.
      skip("Require IMDSv2", resource, "its current metadata options could not be read: change it by hand");
      return;
    }
    MetadataOptions previous = before.get();
    storeEvidence("pre-containment/metadata-options-" + instanceId + ".json", "application/json",
        ReportRenderer.toJson(previous));
    if (IMDS_V2_ONLY.equals(previous.httpTokens())) {
      skip("Require IMDSv2", resource, "IMDSv2 was already required");
      return;
    }
    MetadataOptions wanted = new MetadataOptions(instanceId, IMDS_V2_ONLY, previous.httpEndpoint(),
        previous.httpPutResponseHopLimit(), previous.httpProtocolIpv6(), previous.instanceMetadataTags());
    boolean done = step("Require IMDSv2 (HttpTokens=required)", resource,
        "Restore the previous metadata options (HttpTokens=" + previous.httpTokens() + ")",
        () -> ec2.setMetadataOptions(new SetMetadataOptionsRequest(account, region, wanted)),
        () -> {
          ec2.setMetadataOptions(new SetMetadataOptionsRequest(account, region, previous));
        }).isPresent();
    if (done) hardenedInstances.add(instanceId);
  }

  @Override
  protected void investigate() {
    Instant seen = finding.firstSeen() != null ? finding.firstSeen() : request.receivedAt();
    Instant start = seen.minus(LOOKBACK);
    Instant end = now();
    if (accessKeyId != null) {
      trail.lookUp("Look up CloudTrail events of the stolen key", "AccessKeyId", accessKeyId, start, end,
          "investigation/stolen-key-activity.json");
    } else {
      skip("Look up CloudTrail events of the stolen key", "unknown key", "the finding names no access key");
    }
    if (role != null && role.before() != null) {
      trail.lookUp("Look up the role's recent sessions", "ResourceName", role.before().roleArn(), start, end,
          "investigation/role-sessions.json");
    }
  }

  @Override
  protected void recover(ApprovalRequest approvedBy) {
    if (role == null) {
      skip("Remove session revocation policy", accessKeyId == null ? "unknown role" : accessKeyId, "no role was contained");
    } else {
      if (role.revoked()) {
        holdRevocation(approvedBy);
        containment.liftRoleRevocation(role);
      } else {
        skip("Remove session revocation policy", "role/" + roleName, "the revocation was never in place");
      }
      containment.tagRole(account, roleName, "recovered", false);
    }
    for (String instanceId : hardenedInstances) {
      skip("Restore instance metadata options", "instance/" + instanceId, "kept: IMDSv2 stays required (hardening)");
    }
  }

  /**
   * Keeps the revocation until every session issued before it has expired on its own: a stolen
   * token is dead by then whatever the policy says. The approver may lift it sooner.
   */
  private void holdRevocation(ApprovalRequest approvedBy) {
    if (approvedBy.liftSessionRevocation()) {
      timeline(now(), approvedBy.approver(), "Session revocation lifted at approval", null, false);
      return;
    }
    Duration longest = role.before() == null ? LONGEST_ROLE_SESSION
        : Duration.ofSeconds(role.before().maxSessionDurationSeconds());
    Instant expiry = role.revokedBefore().plus(longest);
    Duration remaining = Duration.between(now(), expiry);
    if (remaining.isNegative() || remaining.isZero()) {
      timeline(now(), SYSTEM_ACTOR, "Every session issued before the revocation has expired", null, false);
      return;
    }
    timeline(now(), SYSTEM_ACTOR, "Session revocation kept until " + expiry + " (longest role session "
        + longest + ")", null, false);
    holdingRevocation = true;
    boolean lifted = Workflow.await(remaining, () -> lift != null);
    holdingRevocation = false;
    if (lifted) {
      timeline(now(), lift.approver(), "Session revocation lifted early"
          + (lift.reason() == null ? "" : ": " + lift.reason()), null, false);
    } else {
      timeline(now(), SYSTEM_ACTOR, "Every session issued before the revocation has expired", null, false);
    }
  }

  @Override
  public void liftSessionRevocation(LiftRevocationRequest r) {
    if (r == null || r.approver() == null || r.approver().isBlank()) {
      timeline(now(), "unknown", "Lift of the session revocation ignored: approver is required", null, false);
      return;
    }
    if (!holdingRevocation) {
      timeline(now(), r.approver(), "Lift of the session revocation ignored: no revocation is being held", null, false);
      return;
    }
    lift = r;
  }

  @Override
  protected List<String> nextSteps(Outcome outcome) {
    List<String> steps = new ArrayList<>();
    switch (outcome) {
      case RECOVERED -> {
        steps.add("Find how the instance's credentials were taken (SSRF in an application, a proxy, DNS"
            + " rebinding) and fix it; IMDSv2 stays required on the instances changed.");
        steps.add("Review investigation/stolen-key-activity.json for resources created or changed with the stolen"
            + " session and remove them.");
      }
      case CONTAINED_RECOVERY_REJECTED, CONTAINED_RECOVERY_NOT_APPROVED -> {
        steps.add("The role's older sessions stay revoked: remove the revocation policy by hand once every session"
            + " issued before containment has expired.");
        steps.add("Review the stolen key's activity in the evidence.");
      }
      case FALSE_POSITIVE -> steps.add("Containment was rolled back; tune the detection that raised this finding.");
      case DISMISSED, NOT_CONTAINED_NO_DECISION ->
          steps.add("Nothing was contained: confirm the finding was benign, or contain by hand.");
    }
    steps.add("Verify the chain of custody (custody.json) before sharing evidence.");
    return steps;
  }
}
