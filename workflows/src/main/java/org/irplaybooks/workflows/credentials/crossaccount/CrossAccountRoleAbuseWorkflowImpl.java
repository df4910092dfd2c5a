package org.irplaybooks.workflows.credentials.crossaccount;

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
import org.irplaybooks.workflows.playbook.TrailInvestigation.MappedActivity;
import org.irplaybooks.workflows.playbook.TrailInvestigation.MappedEvent;
import org.irplaybooks.workflows.policy.TrustPolicyDocuments;
import org.irplaybooks.workflows.ports.IamRoleActivities;
import org.irplaybooks.workflows.ports.IamRoleActivities.RoleState;
import org.irplaybooks.workflows.ports.IamRoleActivities.UpdateTrustPolicyRequest;
import org.irplaybooks.workflows.report.IncidentReport;
import org.irplaybooks.workflows.report.ReportRenderer;

/**
 * Containment: the role's trust policy saved as evidence exactly as IAM holds it, the untrusted
 * account removed from it (a JSON tree edit, {@link TrustPolicyDocuments}), the role's sessions
 * issued before now revoked (through {@link PrincipalContainment}). Compensation puts the saved
 * trust policy back exactly. Investigation: what the foreign session did (CloudTrail by its
 * {@code ASIA…} key) and which further roles it assumed (lateral movement), and the role's other
 * recent sessions, mapped to ATT&amp;CK. Recovery after approval: the account stays removed; the
 * revocation stays unless the approver lifts it.
 */
public class CrossAccountRoleAbuseWorkflowImpl extends PlaybookWorkflow implements CrossAccountRoleAbuseWorkflow {
  static final Duration LOOKBACK = Duration.ofHours(1);

  private final IamRoleActivities roles =
      Workflow.newActivityStub(IamRoleActivities.class, ActivityDefaults.AWS_CALL);
  private final PrincipalContainment containment = new PrincipalContainment(this);
  private final TrailInvestigation trail = new TrailInvestigation(this);

  private final String account;
  private final String roleArn;
  private final String roleName;
  private final String foreignAccount;
  private final String sessionKey;
  private ContainedRole role;
  private boolean trustNarrowed;

  @WorkflowInit
  public CrossAccountRoleAbuseWorkflowImpl(IncidentRequest request) {
    super(request);
    Subject subject = request.finding().subject();
    this.account = request.finding().accountId();
    this.roleArn = subject == null ? null : subject.resourceId();
    this.roleName = PrincipalContainment.roleNameFromArn(roleArn);
    this.foreignAccount = subject == null ? null : TrustPolicyDocuments.accountOf(subject.principalArn());
    this.sessionKey = subject == null ? null : subject.accessKeyId();
  }

  @Override
  public IncidentReport run(IncidentRequest request) {
    return runPlaybook();
  }

  /** Evidence of lateral movement: the roles the foreign session went on to assume. */
  record LateralMovement(String fromSessionKey, List<MappedEvent> assumeRoleCalls) {}

  @Override
  protected void contain() {
    if (roleName == null || foreignAccount == null) {
      skip("Contain role", roleArn == null ? "unknown role" : roleArn, "the finding names no role or no foreign account");
      return;
    }
    RoleState before = containment.captureRole(account, roleName);
    String resource = "role/" + roleName + "/trust-policy";
    String removeStep = "Remove account " + foreignAccount + " from the trust policy";
    if (before == null) {
      skip(removeStep, resource, "the trust policy could not be read, so it could not be restored: change it by hand");
    } else {
      storeEvidence("pre-containment/trust-policy-" + roleName + ".json", "application/json", before.trustPolicy());
      String narrowed = narrowed(before.trustPolicy());
      if (narrowed == null) {
        skip(removeStep, resource, "the account is not named in the trust policy (it gets in another way, e.g. a"
            + " wildcard or an organization condition): review by hand");
      } else {
        String saved = before.trustPolicy();
        trustNarrowed = step(removeStep, resource, "Restore the saved trust policy exactly",
            () -> roles.updateTrustPolicy(new UpdateTrustPolicyRequest(account, roleName, narrowed)),
            () -> {
              roles.updateTrustPolicy(new UpdateTrustPolicyRequest(account, roleName, saved));
            }).isPresent();
      }
    }
    role = containment.revokeRoleSessions(account, roleName, before);
  }

  /** The trust policy without the foreign account; null when it is not named or cannot be read. */
  private String narrowed(String trustPolicy) {
    try {
      return TrustPolicyDocuments.withoutAccount(trustPolicy, foreignAccount);
    } catch (IllegalArgumentException unreadable) {
      timeline(now(), SYSTEM_ACTOR, "Trust policy could not be parsed: " + unreadable.getMessage(), null, false);
      return null;
    }
  }

  @Override
  protected void investigate() {
    Instant seen = finding.firstSeen() != null ? finding.firstSeen() : request.receivedAt();
    Instant start = seen.minus(LOOKBACK);
    Instant end = now();
    if (sessionKey != null) {
      Optional<MappedActivity> foreign = trail.lookUp("Look up what the foreign session did", "AccessKeyId", sessionKey,
          start, end, "investigation/foreign-session-activity.json");
      foreign.ifPresent(this::recordLateralMovement);
    } else {
      skip("Look up what the foreign session did", "unknown session", "the finding names no session key");
    }
    if (roleArn != null && roleName != null) {
      trail.lookUp("Look up the role's recent sessions", "ResourceName", roleArn, start, end,
          "investigation/role-sessions.json");
    }
  }

  private void recordLateralMovement(MappedActivity activity) {
    List<MappedEvent> hops = new ArrayList<>();
    for (MappedEvent e : activity.events()) {
      if (e.eventName().startsWith("AssumeRole") && e.errorCode() == null) hops.add(e);
    }
    if (hops.isEmpty()) {
      timeline(now(), SYSTEM_ACTOR, "No further role assumed by the foreign session", null, false);
      return;
    }
    timeline(now(), SYSTEM_ACTOR, "Lateral movement: the foreign session assumed " + hops.size()
        + " further role(s)", hops.get(0).technique(), true);
    storeEvidence("investigation/lateral-movement.json", "application/json",
        ReportRenderer.toJson(new LateralMovement(sessionKey, hops)));
  }

  @Override
  protected void recover(ApprovalRequest approvedBy) {
    if (role == null) {
      skip("Recover role", roleArn == null ? "unknown role" : roleArn, "no role was contained");
      return;
    }
    if (trustNarrowed) {
      skip("Restore the trust policy", "role/" + roleName + "/trust-policy", "kept: account " + foreignAccount
          + " stays removed; add it back deliberately if it was legitimate");
    }
    if (!role.revoked()) {
      skip("Remove session revocation policy", "role/" + roleName, "the revocation was never in place");
    } else if (approvedBy.liftSessionRevocation()) {
      containment.liftRoleRevocation(role);
    } else {
      skip("Remove session revocation policy", "role/" + roleName,
          "kept: it only denies sessions issued before containment (the approver may lift it)");
    }
    containment.tagRole(account, roleName, "recovered", false);
  }

  @Override
  protected List<String> nextSteps(Outcome outcome) {
    List<String> steps = new ArrayList<>();
    switch (outcome) {
      case RECOVERED -> {
        steps.add("Ask who in account " + foreignAccount + " assumed the role and why; add the account to the"
            + " trusted list only if it is a partner.");
        steps.add("Review investigation/foreign-session-activity.json and lateral-movement.json: contain every"
            + " role the session went on to assume.");
      }
      case CONTAINED_RECOVERY_REJECTED, CONTAINED_RECOVERY_NOT_APPROVED ->
          steps.add("The account stays removed from the trust policy and older sessions revoked; decide by hand.");
      case FALSE_POSITIVE -> steps.add("The trust policy was restored exactly; add account " + foreignAccount
          + " to the trusted accounts so it does not raise this again.");
      case DISMISSED, NOT_CONTAINED_NO_DECISION ->
          steps.add("Nothing was contained: confirm the AssumeRole was legitimate, or contain by hand.");
    }
    steps.add("Verify the chain of custody (custody.json) before sharing evidence.");
    return steps;
  }
}
