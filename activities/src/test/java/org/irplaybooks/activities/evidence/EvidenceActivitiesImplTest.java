package org.irplaybooks.activities.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.irplaybooks.activities.MotoFixture;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.activities.aws.AwsSettings;
import org.irplaybooks.activities.emulator.MotoServer;
import org.irplaybooks.workflows.incident.EvidenceItem;
import org.irplaybooks.workflows.ports.EvidenceActivities.StoreEvidenceRequest;
import org.irplaybooks.workflows.ports.FailureType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

class EvidenceActivitiesImplTest {
  private static final String CASE = "IR-0123456789AB";
  private static final String BUCKET = "ir-evidence";
  private static MotoServer moto;

  private AwsClientFactory clients;
  private S3Client s3;

  @BeforeAll
  static void startMoto() {
    moto = MotoFixture.startMoto(EvidenceActivitiesImplTest.class);
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) moto.close();
  }

  @BeforeEach
  void setUp() {
    moto.reset();
  }

  @AfterEach
  void tearDown() {
    if (clients != null) clients.close();
  }

  private EvidenceActivitiesImpl activities(AwsSettings settings) {
    clients = MotoFixture.clients(settings);
    s3 = clients.s3();
    return new EvidenceActivitiesImpl(new EvidenceStore(clients, new AwsErrorTranslator(), Clock.systemUTC()));
  }

  private EvidenceActivitiesImpl versionedBucket() {
    EvidenceActivitiesImpl activities = activities(MotoFixture.settings(moto).build());
    s3.createBucket(b -> b.bucket(BUCKET));
    s3.putBucketVersioning(b -> b.bucket(BUCKET).versioningConfiguration(v -> v.status("Enabled")));
    return activities;
  }

  private int versions(String key) {
    return s3.listObjectVersions(b -> b.bucket(BUCKET).prefix(key)).versions().size();
  }

  @Test
  void storeEvidence_returnsTheSha256OfTheStoredBytes() throws Exception {
    EvidenceActivitiesImpl activities = versionedBucket();
    String content = "{\"user\":\"alice\",\"keys\":[\"AKIA…\"]}";

    EvidenceItem item = activities.storeEvidence(
        new StoreEvidenceRequest(CASE, "pre-containment/user-state.json", "application/json", content));

    byte[] stored = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cases/" + CASE + "/pre-containment/user-state.json")).asByteArray();
    String readBackHash = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(stored));
    assertThat(item.sha256()).isEqualTo(readBackHash);
    assertThat(stored).isEqualTo(content.getBytes(StandardCharsets.UTF_8));
    assertThat(item.location()).isEqualTo("s3://ir-evidence/cases/" + CASE + "/pre-containment/user-state.json");
    assertThat(item.sizeBytes()).isEqualTo(stored.length);
    assertThat(item.contentType()).isEqualTo("application/json");
    assertThat(item.name()).isEqualTo("pre-containment/user-state.json");

    HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("cases/" + CASE + "/pre-containment/user-state.json"));
    assertThat(head.metadata()).containsEntry("sha256", readBackHash).containsEntry("case-id", CASE);
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    assertThat(head.objectLockMode()).isNull();
  }

  @Test
  void storeEvidence_twice_writesNoNewVersion() {
    EvidenceActivitiesImpl activities = versionedBucket();
    StoreEvidenceRequest request = new StoreEvidenceRequest(CASE, "timeline.md", "text/markdown", "# Timeline\n");

    EvidenceItem first = activities.storeEvidence(request);
    EvidenceItem second = activities.storeEvidence(request);

    assertThat(versions("cases/" + CASE + "/timeline.md")).isEqualTo(1);
    assertThat(second.sha256()).isEqualTo(first.sha256());
    assertThat(second.location()).isEqualTo(first.location());
    assertThat(second.sizeBytes()).isEqualTo(first.sizeBytes());
  }

  @Test
  void storeEvidence_withOtherContentUnderTheSameName_keepsTheEarlierVersion() {
    EvidenceActivitiesImpl activities = versionedBucket();
    EvidenceItem first = activities.storeEvidence(new StoreEvidenceRequest(CASE, "notes.txt", "text/plain", "one"));
    EvidenceItem second = activities.storeEvidence(new StoreEvidenceRequest(CASE, "notes.txt", "text/plain", "two"));
    assertThat(second.sha256()).isNotEqualTo(first.sha256());
    assertThat(versions("cases/" + CASE + "/notes.txt")).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../escape.json", "a/../../b", "/absolute.json", "with space.txt", "semi;colon", "", "dir/", "a//b",
      "ünicode.txt"})
  void storeEvidence_withInvalidName_failsValidation(String name) {
    EvidenceActivitiesImpl activities = versionedBucket();
    Throwable thrown = catchThrowable(() -> activities.storeEvidence(new StoreEvidenceRequest(CASE, name, "text/plain", "x")));
    assertThat(thrown).isInstanceOf(ApplicationFailure.class);
    assertThat(((ApplicationFailure) thrown).getType()).isEqualTo(FailureType.VALIDATION.name());
    assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"IR-0123", "ir-0123456789ab", "IR-0123456789AB/../x", "other"})
  void storeEvidence_withInvalidCaseId_failsValidation(String caseId) {
    EvidenceActivitiesImpl activities = versionedBucket();
    Throwable thrown = catchThrowable(() -> activities.storeEvidence(new StoreEvidenceRequest(caseId, "a.txt", "text/plain", "x")));
    assertThat(((ApplicationFailure) thrown).getType()).isEqualTo(FailureType.VALIDATION.name());
  }

  @Test
  void storeEvidence_withRetention_locksTheObjectInComplianceMode() {
    EvidenceActivitiesImpl activities = activities(MotoFixture.settings(moto).evidenceRetentionDays(30).build());
    s3.createBucket(b -> b.bucket(BUCKET).objectLockEnabledForBucket(true));
    Instant before = Instant.now();

    activities.storeEvidence(new StoreEvidenceRequest(CASE, "report.json", "application/json", "{}"));

    HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("cases/" + CASE + "/report.json"));
    assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
    assertThat(head.objectLockRetainUntilDate())
        .isBetween(before.plus(30, ChronoUnit.DAYS).minusSeconds(2), Instant.now().plus(30, ChronoUnit.DAYS).plusSeconds(1));
    assertThat(head.objectLockRetainUntilDate().getNano()).isZero();
  }

  @Test
  void storeEvidence_withKmsKey_usesSseKms() {
    EvidenceActivitiesImpl activities = activities(MotoFixture.settings(moto).evidenceKmsKeyId("alias/ir-evidence").build());
    s3.createBucket(b -> b.bucket(BUCKET));
    activities.storeEvidence(new StoreEvidenceRequest(CASE, "k.json", "application/json", "{}"));
    HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("cases/" + CASE + "/k.json"));
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(head.ssekmsKeyId()).contains("ir-evidence");
  }

  @Test
  void storeEvidence_whenBucketMissing_failsConfiguration() {
    EvidenceActivitiesImpl activities = activities(MotoFixture.settings(moto).build());
    Throwable thrown = catchThrowable(() -> activities.storeEvidence(new StoreEvidenceRequest(CASE, "a.txt", "text/plain", "x")));
    assertThat(thrown).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure failure = (ApplicationFailure) thrown;
    assertThat(failure.getType()).isEqualTo(FailureType.CONFIGURATION.name());
    assertThat(failure.getOriginalMessage()).contains("ir-evidence");
  }

  @Test
  void sanitizeName_yieldsValidNames() {
    String name = EvidenceStore.sanitizeName("Username-alice@example.com/../x y");
    assertThat(name).isEqualTo("Username-alice_example.com_._x_y");
    EvidenceStore.validate(CASE, "cloudtrail/" + name + ".json");
  }
}
