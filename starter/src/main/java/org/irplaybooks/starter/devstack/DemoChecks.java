package org.irplaybooks.starter.devstack;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * What the demo (and the end-to-end tests) check in the emulator itself, not in the playbook's own
 * report: the state AWS would be in.
 */
public final class DemoChecks {
  /** One check's verdict. */
  public record Check(String what, boolean ok, String detail) {
    @Override
    public String toString() {
      return (ok ? "  ✅ " : "  ❌ ") + what + (detail == null ? "" : " (" + detail + ")");
    }
  }

  private DemoChecks() {}

  /** Key inactive, deny-all policy present, console password gone. */
  public static List<Check> containment(URI endpoint, String userName, String accessKeyId, String caseId) {
    List<Check> checks = new ArrayList<>();
    try (IamClient iam = DemoEnvironment.client(IamClient.builder(), endpoint)) {
      String status = keyStatus(iam, userName, accessKeyId);
      checks.add(new Check("access key " + accessKeyId + " is Inactive", "Inactive".equals(status), status));
      List<String> policies = iam.listUserPolicies(r -> r.userName(userName)).policyNames();
      checks.add(new Check("deny-all policy attached to " + userName,
          policies.contains("ir-playbooks-deny-all-" + caseId), String.join(", ", policies)));
      checks.add(new Check("console password removed", !hasLoginProfile(iam, userName), null));
    }
    return checks;
  }

  /** A new active key whose secret is in Secrets Manager, and the deny-all policy removed. */
  public static List<Check> recovery(URI endpoint, String userName, String compromisedKeyId, String caseId) {
    List<Check> checks = new ArrayList<>();
    try (IamClient iam = DemoEnvironment.client(IamClient.builder(), endpoint);
        SecretsManagerClient secrets = DemoEnvironment.client(SecretsManagerClient.builder(), endpoint)) {
      List<AccessKeyMetadata> keys = iam.listAccessKeys(r -> r.userName(userName)).accessKeyMetadata();
      long replacements = keys.stream().filter(k -> !k.accessKeyId().equals(compromisedKeyId)
          && "Active".equals(k.statusAsString())).count();
      checks.add(new Check("exactly one new active access key", replacements == 1, replacements + " found"));
      List<SecretListEntry> stored = secrets.listSecrets().secretList().stream()
          .filter(s -> s.name().contains(caseId) && s.name().endsWith("/access-key")).toList();
      checks.add(new Check("new key's secret stored in Secrets Manager", stored.size() == 1,
          stored.isEmpty() ? "none" : stored.get(0).arn()));
      List<String> policies = iam.listUserPolicies(r -> r.userName(userName)).policyNames();
      checks.add(new Check("deny-all policy removed", !policies.contains("ir-playbooks-deny-all-" + caseId),
          String.join(", ", policies)));
    }
    return checks;
  }

  public static boolean allOk(List<Check> checks) {
    return checks.stream().allMatch(Check::ok);
  }

  private static String keyStatus(IamClient iam, String userName, String accessKeyId) {
    return iam.listAccessKeys(r -> r.userName(userName)).accessKeyMetadata().stream()
        .filter(k -> k.accessKeyId().equals(accessKeyId)).map(AccessKeyMetadata::statusAsString)
        .findFirst().orElse("missing");
  }

  private static boolean hasLoginProfile(IamClient iam, String userName) {
    try {
      iam.getLoginProfile(r -> r.userName(userName));
      return true;
    } catch (NoSuchEntityException e) {
      return false;
    }
  }
}
