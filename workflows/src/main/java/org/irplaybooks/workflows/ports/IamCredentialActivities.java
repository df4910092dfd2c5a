package org.irplaybooks.workflows.ports;

import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * IAM user credentials: read a user's posture, contain its keys and sessions, issue new
 * credentials. Every method is idempotent; each says how.
 */
@ActivityInterface
public interface IamCredentialActivities {

  record UserRef(String accountId, String userName) {}

  record AccessKeyRef(String accountId, String userName, String accessKeyId) {}

  record AccessKeyInfo(String accessKeyId, String status, Instant createdAt) {}

  /** A user's credential posture before the playbook changes anything. */
  record UserCredentialState(
      String userName,
      String userArn,
      List<AccessKeyInfo> accessKeys,
      List<String> inlinePolicies,
      List<String> attachedPolicyArns,
      List<String> groups,
      boolean loginProfile,
      Instant loginProfileCreatedAt,
      List<String> mfaDevices,
      Map<String, String> tags) {

    /** The status the given key had, or null when the user has no such key. */
    public String keyStatus(String accessKeyId) {
      return accessKeys.stream().filter(k -> k.accessKeyId().equals(accessKeyId))
          .map(AccessKeyInfo::status).findFirst().orElse(null);
    }
  }

  record KeyStatusRequest(String accountId, String userName, String accessKeyId, String status) {}

  /** @param policyDocument the JSON document, built by {@code IamPolicyDocuments} */
  record PutUserPolicyRequest(String accountId, String userName, String policyName, String policyDocument) {}

  record DeleteUserPolicyRequest(String accountId, String userName, String policyName) {}

  record TagUserRequest(String accountId, String userName, Map<String, String> tags) {}

  record UntagUserRequest(String accountId, String userName, List<String> tagKeys) {}

  /**
   * @param notBefore credentials found on the user that were created at or after this time and are
   *     not the one on record were left by an earlier attempt of the same call
   */
  record IssueCredentialRequest(String caseId, String accountId, String userName, Instant notBefore) {}

  /** A credential the product issued: only where its secret lives travels, never the secret. */
  record IssuedCredential(String userName, String credentialId, String secretArn) {}

  /** The user that owns an access key. Read-only. */
  String findAccessKeyOwner(AccessKeyRef key);

  /** Keys, policies, groups, console password, MFA devices and tags of a user. Read-only. */
  UserCredentialState describeUserCredentials(UserRef user);

  /**
   * Sets an access key Active or Inactive and answers the status it had before. Setting the status
   * a key already has changes nothing.
   */
  String setAccessKeyStatus(KeyStatusRequest request);

  /** Creates or replaces an inline user policy under a fixed name, so a retry writes the same policy. */
  void putUserPolicy(PutUserPolicyRequest request);

  /** Deletes an inline user policy; a policy already gone is not an error. */
  void deleteUserPolicy(DeleteUserPolicyRequest request);

  /** Deletes the user's console password and answers whether one existed; none is not an error. */
  boolean deleteLoginProfile(UserRef user);

  /**
   * Gives the user a new console password that must be reset at first sign-in, kept in Secrets
   * Manager under a name fixed by case and user. When that secret already exists and the user has
   * a console password, nothing is created again.
   */
  IssuedCredential issueConsolePassword(IssueCredentialRequest request);

  /** Sets tags on the user; setting the same tags again changes nothing. */
  void tagUser(TagUserRequest request);

  /** Removes tags from the user; absent tags are not an error. */
  void untagUser(UntagUserRequest request);

  /**
   * Creates a new access key and stores its secret in Secrets Manager under a name fixed by case and
   * user. When that secret exists and its key is on the user, it is answered again. A key created
   * after {@code notBefore} whose secret was never stored (a worker died between the two calls) is
   * deleted before a new one is made, so one replacement key exists whatever the retries.
   */
  IssuedCredential createReplacementAccessKey(IssueCredentialRequest request);

  /** Deletes an access key and answers whether it existed; a key already gone is not an error. */
  boolean deleteAccessKey(AccessKeyRef key);
}
