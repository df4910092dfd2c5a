package org.irplaybooks.workflows.catalog;

import java.util.List;
import java.util.Set;
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.Subject;

/**
 * The one map from finding types to playbooks. The listener asks it which playbook to start; the
 * worker registers every playbook it lists; docs and templates are checked against it.
 */
public final class PlaybookCatalog {
  public static final Playbook ACCESS_KEY_COMPROMISE =
      new Playbook("access-key-compromise", "AccessKeyCompromise", "Compromised IAM access key");

  public static final Playbook STOLEN_SESSION_TOKEN =
      new Playbook("stolen-session-token", "StolenSessionToken", "Stolen session token (instance credentials)");

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
    return List.of(ACCESS_KEY_COMPROMISE, STOLEN_SESSION_TOKEN);
  }

  /** Which playbook handles this finding, or why none does. */
  public static CatalogMatch match(Finding finding) {
    String type = finding.findingType();
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

  public static Playbook byName(String name) {
    return all().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown playbook " + name));
  }
}
