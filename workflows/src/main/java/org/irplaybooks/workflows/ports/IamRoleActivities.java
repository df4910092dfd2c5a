package org.irplaybooks.workflows.ports;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import java.util.Map;

/**
 * IAM roles: read a role's posture (trust policy, longest session, policies, instance profiles),
 * revoke its sessions with inline policies, edit its trust policy, tag it. Every method is
 * idempotent; each says how.
 */
@ActivityInterface
public interface IamRoleActivities {

  record RoleRef(String accountId, String roleName) {}

  /**
   * A role's posture before the playbook changes anything.
   *
   * @param trustPolicy the assume-role policy document as IAM answers it (URL-decoded JSON)
   * @param maxSessionDurationSeconds the longest session the role allows (3600–43200)
   * @param instanceProfileArns the instance profiles the role is in: how instances get its sessions
   */
  record RoleState(
      String roleName,
      String roleArn,
      String trustPolicy,
      int maxSessionDurationSeconds,
      List<String> inlinePolicies,
      List<String> attachedPolicyArns,
      List<String> instanceProfileArns,
      Map<String, String> tags) {}

  /** @param policyDocument the JSON document, built by {@code IamPolicyDocuments} */
  record PutRolePolicyRequest(String accountId, String roleName, String policyName, String policyDocument) {}

  record DeleteRolePolicyRequest(String accountId, String roleName, String policyName) {}

  /** @param trustPolicy the whole new assume-role policy document (JSON) */
  record UpdateTrustPolicyRequest(String accountId, String roleName, String trustPolicy) {}

  record TagRoleRequest(String accountId, String roleName, Map<String, String> tags) {}

  record UntagRoleRequest(String accountId, String roleName, List<String> tagKeys) {}

  /** Trust policy, longest session, inline and attached policies, instance profiles and tags. Read-only. */
  RoleState describeRole(RoleRef role);

  /** Creates or replaces an inline role policy under a fixed name, so a retry writes the same policy. */
  void putRolePolicy(PutRolePolicyRequest request);

  /** Deletes an inline role policy; a policy already gone is not an error (the role must exist). */
  void deleteRolePolicy(DeleteRolePolicyRequest request);

  /**
   * Replaces the role's trust policy with the given document and answers the one it had before.
   * Writing the document the role already has changes nothing, so a retry is harmless.
   */
  String updateTrustPolicy(UpdateTrustPolicyRequest request);

  /** Sets tags on the role; setting the same tags again changes nothing. */
  void tagRole(TagRoleRequest request);

  /** Removes tags from the role; absent tags are not an error. */
  void untagRole(UntagRoleRequest request);
}
