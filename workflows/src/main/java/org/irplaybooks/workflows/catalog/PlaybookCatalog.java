package org.irplaybooks.workflows.catalog;

import java.util.List;
import java.util.Set;
import org.irplaybooks.workflows.incident.Finding;

/**
 * The one map from finding types to playbooks. The listener asks it which playbook to start; the
 * worker registers every playbook it lists; docs and templates are checked against it.
 */
public final class PlaybookCatalog {
  public static final Playbook ACCESS_KEY_COMPROMISE =
      new Playbook("access-key-compromise", "AccessKeyCompromise", "Compromised IAM access key");

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
    return List.of(ACCESS_KEY_COMPROMISE);
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
    return CatalogMatch.ignored("no playbook handles finding type " + type);
  }

  public static Playbook byName(String name) {
    return all().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown playbook " + name));
  }
}
