package org.irplaybooks.workflows.catalog;

import java.util.List;
import java.util.Set;
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.ResponsePolicy;
import org.irplaybooks.workflows.incident.Subject;
import org.irplaybooks.workflows.policy.TrustPolicyDocuments;

/**
 * The one map from finding types to playbooks. The listener asks it which playbook to start; the
 * worker registers every playbook it lists; docs and templates are checked against it.
 */
public final class PlaybookCatalog {
  public static final Playbook ACCESS_KEY_COMPROMISE =
      new Playbook("access-key-compromise", "AccessKeyCompromise", "Compromised IAM access key");

  public static final Playbook STOLEN_SESSION_TOKEN =
      new Playbook("stolen-session-token", "StolenSessionToken", "Stolen session token (instance credentials)");

  public static final Playbook CROSS_ACCOUNT_ROLE_ABUSE =
      new Playbook("cross-account-role-abuse", "CrossAccountRoleAbuse", "Role assumed from an untrusted account");

  public static final Playbook ROOT_ACCOUNT =
      new Playbook("root-account", "RootAccountUsage", "Root user credentials used");

  public static final String ROOT_USAGE_TYPE = "Policy:IAMUser/RootCredentialUsage";

  /** The CloudTrail event type of a role being assumed. */
  public static final String ASSUME_ROLE_TYPE = "CloudTrail:AssumeRole";

  /** Finding types that mean an instance role's temporary credentials were taken off the instance. */
  public static final Set<String> STOLEN_SESSION_TOKEN_TYPES = Set.of(
      "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
      "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS",
      "UnauthorizedAccess:EC2/MetadataDNSRebind");

  /** Finding types that mean a long-term IAM user access key is in someone else's hands. */
  public static final Set<String> ACCESS_KEY_TYPES = Set.of(
      "UnauthorizedAccess:IAMUser/MaliciousIPCaller",
      "UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom",
      "UnauthorizedAccess:IAMUser/TorIPCaller",
      "CredentialAccess:IAMUser/AnomalousBehavior",
      "InitialAccess:IAMUser/AnomalousBehavior",
      "PenTest:IAMUser/KaliLinux",
      "PenTest:IAMUser/ParrotLinux",
      "PenTest:IAMUser/PentooLinux",
      "AttackSequence:IAM/CompromisedCredentials",
      "AWS_RISK_CREDENTIALS_EXPOSED");

  private PlaybookCatalog() {}

  /** Every playbook the product runs. */
  public static List<Playbook> all() {
    return List.of(ACCESS_KEY_COMPROMISE, STOLEN_SESSION_TOKEN, CROSS_ACCOUNT_ROLE_ABUSE, ROOT_ACCOUNT);
  }

  /** Which playbook handles this finding under the default policy (no trusted accounts). */
  public static CatalogMatch match(Finding finding) {
    return match(finding, ResponsePolicy.defaults());
  }

  /** Which playbook handles this finding, or why none does; the policy names the trusted accounts. */
  public static CatalogMatch match(Finding finding, ResponsePolicy policy) {
    String type = finding.findingType();
    boolean byRoot = finding.subject() != null && "Root".equals(finding.subject().principalType());
    if (ROOT_USAGE_TYPE.equals(type) || (type.startsWith("CloudTrail:") && byRoot)) return CatalogMatch.of(ROOT_ACCOUNT);
    if (ASSUME_ROLE_TYPE.equals(type)) return matchAssumeRole(finding, policy);
    if (ACCESS_KEY_TYPES.contains(type)) {
      String keyId = finding.subject() == null ? null : finding.subject().accessKeyId();
      if (keyId == null) {
        return CatalogMatch.ignored(type + " names no access key, so the access-key playbook cannot act on it");
      }
      if (!keyId.startsWith("AKIA")) {
        return CatalogMatch.ignored(type + " names temporary credentials (" + keyId
            + "); the access-key playbook handles long-term IAM user keys only");
      }
      return CatalogMatch.of(ACCESS_KEY_COMPROMISE);
    }
    if (STOLEN_SESSION_TOKEN_TYPES.contains(type)) {
      Subject subject = finding.subject();
      boolean namesRole = subject != null && (subject.userName() != null || subject.principalArn() != null);
      boolean namesInstance = subject != null && subject.resourceId() != null && subject.resourceId().startsWith("i-");
      if (!namesRole && !namesInstance) {
        return CatalogMatch.ignored(type + " names neither a role nor an instance, so the session-token playbook"
            + " cannot act on it");
      }
      return CatalogMatch.of(STOLEN_SESSION_TOKEN);
    }
    return CatalogMatch.ignored("no playbook handles finding type " + type);
  }

  /**
   * An AssumeRole into a role of the finding's account by a principal of another account that the
   * policy does not trust. The role is the finding's resource; the caller is its principal.
   */
  private static CatalogMatch matchAssumeRole(Finding finding, ResponsePolicy policy) {
    Subject subject = finding.subject();
    String role = subject == null ? null : subject.resourceId();
    if (role == null || !finding.accountId().equals(TrustPolicyDocuments.accountOf(role)) || !role.contains(":role/")) {
      return CatalogMatch.ignored("AssumeRole names no role of account " + finding.accountId());
    }
    String caller = TrustPolicyDocuments.accountOf(subject.principalArn());
    if (caller == null) return CatalogMatch.ignored("AssumeRole by a principal of unknown account");
    if (caller.equals(finding.accountId())) return CatalogMatch.ignored("AssumeRole from the same account");
    if (policy.trusts(caller)) return CatalogMatch.ignored("AssumeRole from trusted account " + caller);
    return CatalogMatch.of(CROSS_ACCOUNT_ROLE_ABUSE);
  }

  /**
   * What makes two findings one incident (hashed into the case id). Usually the finding's own id; for
   * a compromised access key it is the key: the Health "exposed" event and a GuardDuty finding about
   * the same key are one incident, whichever arrives first, and the later one joins it as an
   * observation.
   */
  public static String incidentKey(Finding finding, Playbook playbook) {
    String keyId = finding.subject() == null ? null : finding.subject().accessKeyId();
    if (ACCESS_KEY_COMPROMISE.equals(playbook) && keyId != null) return "access-key/" + keyId;
    return finding.findingId();
  }

  public static Playbook byName(String name) {
    return all().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown playbook " + name));
  }
}
