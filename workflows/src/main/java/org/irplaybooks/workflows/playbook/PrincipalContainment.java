package org.irplaybooks.workflows.playbook;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irplaybooks.workflows.policy.IamPolicyDocuments;
import org.irplaybooks.workflows.ports.IamCredentialActivities;
import org.irplaybooks.workflows.ports.IamCredentialActivities.DeleteUserPolicyRequest;
import org.irplaybooks.workflows.ports.IamCredentialActivities.IssueCredentialRequest;
import org.irplaybooks.workflows.ports.IamCredentialActivities.PutUserPolicyRequest;
import org.irplaybooks.workflows.ports.IamCredentialActivities.TagUserRequest;
import org.irplaybooks.workflows.ports.IamCredentialActivities.UntagUserRequest;
import org.irplaybooks.workflows.ports.IamCredentialActivities.UserCredentialState;
import org.irplaybooks.workflows.ports.IamCredentialActivities.UserRef;
import org.irplaybooks.workflows.ports.IamRoleActivities;
import org.irplaybooks.workflows.ports.IamRoleActivities.DeleteRolePolicyRequest;
import org.irplaybooks.workflows.ports.IamRoleActivities.PutRolePolicyRequest;
import org.irplaybooks.workflows.ports.IamRoleActivities.RoleRef;
import org.irplaybooks.workflows.ports.IamRoleActivities.RoleState;
import org.irplaybooks.workflows.ports.IamRoleActivities.TagRoleRequest;
import org.irplaybooks.workflows.ports.IamRoleActivities.UntagRoleRequest;
import org.irplaybooks.workflows.report.ReportRenderer;

/**
 * "Contain a principal", the one implementation every credential playbook calls: an IAM user is
 * denied everything, loses its console password and its older sessions; a role loses every session
 * issued before containment. Each change is a step of the calling playbook, so it is recorded in the
 * report and registers its compensation for a false-positive rollback.
 *
 * <p>Created in the playbook's constructor (it makes activity stubs); deterministic like the
 * playbook itself. Policy names are fixed by case id, so a retried or replayed step writes the same
 * policy again rather than a second one.
 */
public final class PrincipalContainment {
  public static final String TAG_CASE = "ir-playbooks:case-id";
  public static final String TAG_STATUS = "ir-playbooks:status";

  private final PlaybookWorkflow playbook;
  private final IamCredentialActivities users =
      Workflow.newActivityStub(IamCredentialActivities.class, ActivityDefaults.AWS_CALL);
  private final IamRoleActivities roles =
      Workflow.newActivityStub(IamRoleActivities.class, ActivityDefaults.AWS_CALL);

  public PrincipalContainment(PlaybookWorkflow playbook) {
    this.playbook = playbook;
  }

  public static String denyPolicyName(String caseId) {
    return "ir-playbooks-deny-all-" + caseId;
  }

  public static String revokePolicyName(String caseId) {
    return "ir-playbooks-revoke-sessions-" + caseId;
  }

  /**
   * What containing a role did: its posture before, and the session revocation in place (null
   * policy when the revocation step failed).
   */
  public record ContainedRole(String accountId, String roleName, RoleState before, String revocationPolicy,
      Instant revokedBefore) {

    public boolean revoked() {
      return revocationPolicy != null;
    }
  }

  // ---- users ---------------------------------------------------------------------------------

  /**
   * Contains an IAM user: deny-all inline policy, console password removed (when it has one, or
   * when its posture is unknown), sessions issued before now revoked, user tagged.
   *
   * @param before the user's posture captured by the playbook, or null when the capture failed
   */
  public void containUser(String accountId, String userName, UserCredentialState before, Instant credentialsNotBefore) {
    String caseId = playbook.request.caseId();
    UserRef user = new UserRef(accountId, userName);
    String deny = denyPolicyName(caseId);
    playbook.step("Attach deny-all inline policy", "user/" + userName + "/policy/" + deny, "Delete the inline policy",
        () -> users.putUserPolicy(new PutUserPolicyRequest(accountId, userName, deny, IamPolicyDocuments.denyAll())),
        () -> users.deleteUserPolicy(new DeleteUserPolicyRequest(accountId, userName, deny)));

    if (before == null || before.loginProfile()) {
      playbook.step("Remove console password", "user/" + userName + "/login-profile",
          "A deleted password cannot be restored: the undo issues a new temporary password (reset required)"
              + " kept in Secrets Manager",
          () -> users.deleteLoginProfile(user),
          () -> users.issueConsolePassword(new IssueCredentialRequest(caseId, accountId, userName, credentialsNotBefore)));
    } else {
      playbook.skip("Remove console password", "user/" + userName + "/login-profile", "the user has no console password");
    }

    String revoke = revokePolicyName(caseId);
    Instant cutoff = playbook.now();
    playbook.step("Revoke sessions issued before " + cutoff, "user/" + userName + "/policy/" + revoke,
        "Delete the inline policy",
        () -> users.putUserPolicy(new PutUserPolicyRequest(accountId, userName, revoke,
            IamPolicyDocuments.denySessionsIssuedBefore(cutoff))),
        () -> users.deleteUserPolicy(new DeleteUserPolicyRequest(accountId, userName, revoke)));

    playbook.step("Tag user as contained", "user/" + userName, "Remove the tags",
        () -> users.tagUser(new TagUserRequest(accountId, userName, Map.of(TAG_CASE, caseId, TAG_STATUS, "contained"))),
        () -> users.untagUser(new UntagUserRequest(accountId, userName, List.of(TAG_CASE, TAG_STATUS))));
  }

  // ---- roles ---------------------------------------------------------------------------------

  /**
   * Contains a role: captures its posture (stored as evidence), revokes every session issued before
   * now with an inline deny on {@code aws:TokenIssueTime}, and tags it. The role itself is not
   * denied: new sessions of the workloads that use it keep working, only the stolen ones die.
   */
  public ContainedRole containRole(String accountId, String roleName) {
    RoleState before = captureRole(accountId, roleName);
    return revokeRoleSessions(accountId, roleName, before);
  }

  /**
   * Revokes the role's sessions issued before now and tags it, for a playbook that captured the
   * role's posture itself (and may have changed more in between, e.g. its trust policy).
   */
  public ContainedRole revokeRoleSessions(String accountId, String roleName, RoleState before) {
    String caseId = playbook.request.caseId();
    String revoke = revokePolicyName(caseId);
    Instant cutoff = playbook.now();
    boolean revoked = playbook.step("Revoke role sessions issued before " + cutoff,
        "role/" + roleName + "/policy/" + revoke, "Delete the inline policy",
        () -> roles.putRolePolicy(new PutRolePolicyRequest(accountId, roleName, revoke,
            IamPolicyDocuments.denySessionsIssuedBefore(cutoff))),
        () -> roles.deleteRolePolicy(new DeleteRolePolicyRequest(accountId, roleName, revoke)));
    tagRole(accountId, roleName, "contained", true);
    return new ContainedRole(accountId, roleName, before, revoked ? revoke : null, cutoff);
  }

  /** Reads the role's posture as a step and stores it as evidence; null when it failed. */
  public RoleState captureRole(String accountId, String roleName) {
    Optional<RoleState> before = playbook.step("Capture role's pre-containment state", "role/" + roleName, null,
        () -> roles.describeRole(new RoleRef(accountId, roleName)), null);
    before.ifPresent(state -> playbook.storeEvidence("pre-containment/role-" + roleName + ".json",
        "application/json", ReportRenderer.toJson(state)));
    return before.orElse(null);
  }

  /** Removes the session revocation of a contained role (recovery); an absent policy is fine. */
  public boolean liftRoleRevocation(ContainedRole role) {
    String policy = revokePolicyName(playbook.request.caseId());
    return playbook.step("Remove session revocation policy", "role/" + role.roleName() + "/policy/" + policy, null,
        () -> roles.deleteRolePolicy(new DeleteRolePolicyRequest(role.accountId(), role.roleName(), policy)), null);
  }

  /** Tags the role with the case and a status; during containment the tags are undone on rollback. */
  public void tagRole(String accountId, String roleName, String status, boolean compensate) {
    String caseId = playbook.request.caseId();
    playbook.step("Tag role as " + status, "role/" + roleName, compensate ? "Remove the tags" : null,
        () -> roles.tagRole(new TagRoleRequest(accountId, roleName, Map.of(TAG_CASE, caseId, TAG_STATUS, status))),
        compensate ? () -> roles.untagRole(new UntagRoleRequest(accountId, roleName, List.of(TAG_CASE, TAG_STATUS)))
            : null);
  }

  /** The role's name from a role or assumed-role ARN; null when the ARN is neither. */
  public static String roleNameFromArn(String arn) {
    if (arn == null) return null;
    String[] parts = arn.split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn")) return null;
    String path = parts[5];
    if (path.startsWith("assumed-role/")) {
      String[] segments = path.split("/");
      return segments.length >= 2 && !segments[1].isBlank() ? segments[1] : null;
    }
    if (path.startsWith("role/")) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      return name.isBlank() ? null : name;
    }
    return null;
  }
}
