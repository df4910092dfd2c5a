package org.irplaybooks.starter.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.irplaybooks.starter.devstack.DemoEnvironment;
import org.irplaybooks.workflows.policy.IamPolicyDocuments;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The "plain script" the playbook is compared with: the access-key containment as one sequential
 * program, the way the seed lab's functions do it, with the same AWS SDK and the same AWS calls in
 * the same order as the playbook's activities (describe the user with its eight reads, store the
 * pre-containment state in the evidence bucket with a HEAD then a PUT, list keys and deactivate,
 * deny-all policy, delete the login profile, revoke-sessions policy, tag). No durability, no retries
 * beyond the SDK's, no record of what it did.
 */
final class SequentialContainment implements AutoCloseable {
  private final IamClient iam;
  private final S3Client s3;
  private final String bucket;

  SequentialContainment(URI endpoint, String bucket) {
    this.iam = DemoEnvironment.client(IamClient.builder(), endpoint);
    this.s3 = DemoEnvironment.client(S3Client.builder().forcePathStyle(true), endpoint);
    this.bucket = bucket;
  }

  /** Contains the user's key; answers the wall-clock time it took. */
  Duration contain(String caseId, String userName, String accessKeyId) {
    long start = System.nanoTime();
    var user = iam.getUser(r -> r.userName(userName)).user();
    var keys = iam.listAccessKeys(r -> r.userName(userName)).accessKeyMetadata();
    var inline = iam.listUserPolicies(r -> r.userName(userName)).policyNames();
    var attached = iam.listAttachedUserPolicies(r -> r.userName(userName)).attachedPolicies();
    var groups = iam.listGroupsForUser(r -> r.userName(userName)).groups();
    boolean hasPassword;
    try {
      iam.getLoginProfile(r -> r.userName(userName));
      hasPassword = true;
    } catch (NoSuchEntityException e) {
      hasPassword = false;
    }
    var mfa = iam.listMFADevices(r -> r.userName(userName)).mfaDevices();
    var tags = iam.listUserTags(r -> r.userName(userName)).tags();

    String snapshot = "{\"user\":\"" + user.arn() + "\",\"keys\":" + keys.size() + ",\"inline\":" + inline.size()
        + ",\"attached\":" + attached.size() + ",\"groups\":" + groups.size() + ",\"mfa\":" + mfa.size()
        + ",\"tags\":" + tags.size() + ",\"password\":" + hasPassword + "}";
    storeEvidence("cases/" + caseId + "/pre-containment/user-credentials.json", snapshot);

    var key = iam.listAccessKeys(r -> r.userName(userName)).accessKeyMetadata().stream()
        .filter(k -> k.accessKeyId().equals(accessKeyId)).findFirst().orElseThrow();
    if (key.status() != StatusType.INACTIVE) {
      iam.updateAccessKey(r -> r.userName(userName).accessKeyId(accessKeyId).status(StatusType.INACTIVE));
    }
    iam.putUserPolicy(r -> r.userName(userName).policyName("ir-playbooks-deny-all-" + caseId)
        .policyDocument(IamPolicyDocuments.denyAll()));
    if (hasPassword) iam.deleteLoginProfile(r -> r.userName(userName));
    Instant cutoff = Instant.now();
    iam.putUserPolicy(r -> r.userName(userName).policyName("ir-playbooks-revoke-sessions-" + caseId)
        .policyDocument(IamPolicyDocuments.denySessionsIssuedBefore(cutoff)));
    iam.tagUser(r -> r.userName(userName).tags(
        software.amazon.awssdk.services.iam.model.Tag.builder().key("ir-playbooks:case-id").value(caseId).build(),
        software.amazon.awssdk.services.iam.model.Tag.builder().key("ir-playbooks:status").value("contained").build()));
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private void storeEvidence(String key, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    try {
      s3.headObject(r -> r.bucket(bucket).key(key));
    } catch (S3Exception e) {
      if (e.statusCode() != 404) throw e;
    }
    byte[] digest = sha256(bytes);
    s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/json").contentLength((long) bytes.length)
        .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(Base64.getEncoder().encodeToString(digest))
        .metadata(Map.of("sha256", HexFormat.of().formatHex(digest)))
        .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromBytes(bytes));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    iam.close();
    s3.close();
  }
}
