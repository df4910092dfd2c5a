package org.irplaybooks.activities.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.activities.aws.AwsSettings;
import org.irplaybooks.workflows.incident.EvidenceItem;
import org.irplaybooks.workflows.ports.FailureType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Writes hashed, encrypted, retained artifacts to the evidence bucket under
 * {@code cases/{caseId}/{name}}. Shared by every activity that produces evidence.
 *
 * <p>Idempotent: an object already under the key with the same SHA-256 is answered without a
 * write. Different content under the same name is written as a new object version (the bucket is
 * versioned, and with object lock the earlier version stays retained), and a warning is logged.
 */
public final class EvidenceStore {
  public static final String CASE_ID_FORMAT = "IR-[0-9A-F]{12}";
  public static final String META_SHA256 = "sha256";
  public static final String META_CASE_ID = "case-id";

  private static final Pattern CASE_ID = Pattern.compile(CASE_ID_FORMAT);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._/-]{1,512}");
  private static final Logger log = LoggerFactory.getLogger(EvidenceStore.class);

  private final AwsClientFactory clients;
  private final AwsErrorTranslator errors;
  private final Clock clock;

  public EvidenceStore(AwsClientFactory clients, AwsErrorTranslator errors, Clock clock) {
    this.clients = clients;
    this.errors = errors;
    this.clock = clock;
  }

  /** Stores text (UTF-8). */
  public EvidenceItem store(String caseId, String name, String contentType, String content) {
    if (content == null) throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "evidence '" + name + "' has no content");
    return store(caseId, name, contentType, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Stores bytes, unless the same bytes are already stored under that name. */
  public EvidenceItem store(String caseId, String name, String contentType, byte[] content) {
    validate(caseId, name);
    String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
    AwsSettings settings = clients.settings();
    String bucket = settings.evidenceBucket();
    if (bucket == null || bucket.isBlank()) {
      throw AwsErrorTranslator.nonRetryable(FailureType.CONFIGURATION, "no evidence bucket is configured (evidenceBucket)");
    }
    String key = key(caseId, name);
    String location = "s3://" + bucket + "/" + key;
    byte[] digest = sha256(content);
    String hex = HexFormat.of().formatHex(digest);
    S3Client s3 = clients.s3();

    HeadObjectResponse existing = head(s3, bucket, key, location);
    if (existing != null) {
      String storedHash = existing.metadata().get(META_SHA256);
      if (hex.equals(storedHash)) {
        return new EvidenceItem(name, location, hex, existing.contentLength(),
            existing.contentType() == null ? type : existing.contentType(), existing.lastModified());
      }
      log.warn("evidence {} already holds other content (sha256 {}); writing a new version with sha256 {}",
          location, storedHash, hex);
    }

    Instant now = clock.instant();
    PutObjectRequest.Builder put = PutObjectRequest.builder()
        .bucket(bucket)
        .key(key)
        .contentType(type)
        .contentLength((long) content.length)
        .checksumAlgorithm(ChecksumAlgorithm.SHA256)
        .checksumSHA256(Base64.getEncoder().encodeToString(digest))
        .metadata(Map.of(META_SHA256, hex, META_CASE_ID, caseId));
    if (settings.evidenceKmsKeyId() != null && !settings.evidenceKmsKeyId().isBlank()) {
      put.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(settings.evidenceKmsKeyId());
    } else {
      put.serverSideEncryption(ServerSideEncryption.AES256);
    }
    if (settings.evidenceRetentionDays() > 0) {
      put.objectLockMode(ObjectLockMode.COMPLIANCE)
          .objectLockRetainUntilDate(now.plus(settings.evidenceRetentionDays(), ChronoUnit.DAYS)
              .truncatedTo(ChronoUnit.SECONDS));
    }
    try {
      PutObjectResponse response = s3.putObject(put.build(), RequestBody.fromBytes(content));
      log.info("stored evidence {} ({} bytes, sha256 {}, version {})", location, content.length, hex, response.versionId());
    } catch (SdkException e) {
      throw failure("storing evidence " + location, e);
    }
    return new EvidenceItem(name, location, hex, content.length, type, now);
  }

  /** The object key of an artifact. */
  public static String key(String caseId, String name) {
    return "cases/" + caseId + "/" + name;
  }

  /** Rejects case ids and names that could leave the case's prefix or break the key. */
  public static void validate(String caseId, String name) {
    if (caseId == null || !CASE_ID.matcher(caseId).matches()) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION,
          "case id '" + caseId + "' does not match " + CASE_ID_FORMAT);
    }
    if (name == null || !NAME.matcher(name).matches() || name.startsWith("/") || name.contains("..")
        || name.contains("//") || name.endsWith("/")) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "evidence name '" + name
          + "' is invalid: use letters, digits and - _ . / only, no '..', no leading, trailing or double '/'");
    }
  }

  /** A name made safe for {@link #validate}: other characters become '_', dot runs a single dot. */
  public static String sanitizeName(String raw) {
    String safe = raw.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("\\.{2,}", ".");
    return safe.isEmpty() ? "_" : safe;
  }

  public static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private HeadObjectResponse head(S3Client s3, String bucket, String key, String location) {
    try {
      return s3.headObject(b -> b.bucket(bucket).key(key));
    } catch (SdkException e) {
      // A HEAD of a missing key is a bare 404; a missing bucket is a 404 too and shows on the PUT.
      if (AwsErrorTranslator.isNotFound(e)) return null;
      throw failure("checking evidence " + location, e);
    }
  }

  /** A missing bucket is the product's configuration, not the incident's resource. */
  private RuntimeException failure(String action, SdkException e) {
    if ("NoSuchBucket".equals(AwsErrorTranslator.errorCode(e))) {
      return AwsErrorTranslator.nonRetryable(FailureType.CONFIGURATION,
          action + " failed: the evidence bucket '" + clients.settings().evidenceBucket() + "' does not exist");
    }
    return errors.translate(action, e);
  }
}
