package org.irplaybooks.activities.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.irplaybooks.activities.MotoFixture;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.activities.emulator.CloudTrailLookupServer;
import org.irplaybooks.activities.emulator.MotoServer;
import org.irplaybooks.activities.evidence.EvidenceStore;
import org.irplaybooks.workflows.ports.CloudTrailActivities;
import org.irplaybooks.workflows.ports.CloudTrailActivities.ActivityLog;
import org.irplaybooks.workflows.ports.CloudTrailActivities.ApiEvent;
import org.irplaybooks.workflows.ports.CloudTrailActivities.LookupRequest;
import org.irplaybooks.workflows.ports.FailureType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class CloudTrailActivitiesImplTest {
  private static final String CASE = "IR-0123456789AB";
  private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  private static MotoServer moto;

  private final ObjectMapper json = new ObjectMapper();
  private CloudTrailLookupServer cloudTrail;
  private AwsClientFactory clients;
  private S3Client s3;
  private TestActivityEnvironment environment;
  private CloudTrailActivities activities;
  private final List<Integer> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startMoto() {
    moto = MotoFixture.startMoto(CloudTrailActivitiesImplTest.class);
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) moto.close();
  }

  @BeforeEach
  void setUp() {
    moto.reset();
    cloudTrail = CloudTrailLookupServer.start();
    clients = MotoFixture.clients(MotoFixture.settings(moto)
        .serviceEndpoints(Map.of("cloudtrail", cloudTrail.endpoint())).build());
    s3 = clients.s3();
    s3.createBucket(b -> b.bucket("ir-evidence"));
    AwsErrorTranslator errors = new AwsErrorTranslator();
    CloudTrailActivitiesImpl impl = new CloudTrailActivitiesImpl(clients, errors,
        new EvidenceStore(clients, errors, Clock.systemUTC()), RequestRateLimiter.perSecond(2));
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(impl);
    environment.setActivityHeartbeatListener(Integer.class, heartbeats::add);
    activities = environment.newActivityStub(CloudTrailActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  @AfterEach
  void tearDown() {
    environment.close();
    clients.close();
    cloudTrail.close();
  }

  private void addEvents(int count, String user, String accessKeyId) {
    for (int i = 0; i < count; i++) {
      cloudTrail.addEvent(CloudTrailLookupServer.event().eventTime(T0.plusSeconds(i)).userName(user)
          .accessKeyId(accessKeyId).eventName(i % 2 == 0 ? "ListBuckets" : "GetObject")
          .eventSource(i % 2 == 0 ? "s3.amazonaws.com" : "s3.amazonaws.com"));
    }
  }

  private static LookupRequest byKey(int maxEvents) {
    return new LookupRequest(CASE, MotoFixture.ACCOUNT, "us-east-1", "AccessKeyId", KEY, T0.minusSeconds(3600),
        T0.plus(1, ChronoUnit.DAYS), maxEvents);
  }

  @Test
  void lookupEvents_paginatesOverMoreThanOnePage_oldestFirst() {
    addEvents(120, "alice", KEY);

    ActivityLog log = activities.lookupEvents(byKey(500));

    assertThat(log.events()).hasSize(120);
    assertThat(log.truncated()).isFalse();
    assertThat(log.events().get(0).at()).isEqualTo(T0);
    assertThat(log.events().get(119).at()).isEqualTo(T0.plusSeconds(119));
    assertThat(log.events()).extracting(ApiEvent::at).isSorted();
    assertThat(log.events()).extracting(ApiEvent::eventId).doesNotHaveDuplicates();
    assertThat(cloudTrail.requestTimes()).hasSize(3);
    // The SDK throttles heartbeats to the server, so only the first page's is sure to be seen.
    assertThat(heartbeats).isNotEmpty().startsWith(1).isSorted().allMatch(page -> page <= 3);
  }

  @Test
  void lookupEvents_spacesRequestsAtLeastHalfASecondApart() {
    addEvents(120, "alice", KEY);
    activities.lookupEvents(byKey(500));

    List<Instant> times = cloudTrail.requestTimes();
    assertThat(times).hasSize(3);
    for (int i = 1; i < times.size(); i++) {
      // A lower bound only. The limiter counts from each response, so arrivals are 500 ms apart;
      // 490 leaves room for the stub's clock reads, not for a limiter that spaces sends only.
      assertThat(Duration.between(times.get(i - 1), times.get(i))).isGreaterThanOrEqualTo(Duration.ofMillis(490));
    }
  }

  @Test
  void rateLimiter_isSharedAcrossThreadsForTheSameKey() throws Exception {
    RequestRateLimiter limiter = RequestRateLimiter.perSecond(2);
    List<Long> acquired = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread thread = new Thread(() -> {
        try {
          try (RequestRateLimiter.Permit permit = limiter.acquire("123456789012|us-east-1")) {
            acquired.add(System.nanoTime());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread t : threads) t.join(5000);
    List<Long> sorted = acquired.stream().sorted().toList();
    assertThat(sorted).hasSize(3);
    assertThat(Duration.ofNanos(sorted.get(2) - sorted.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(990));
    long start = System.nanoTime();
    limiter.acquire("other-account|us-east-1").close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
  }

  @Test
  void lookupEvents_filtersByAttribute() {
    addEvents(5, "alice", KEY);
    addEvents(7, "bob", "AKIABOBBOBBOBBOBBOB1");

    ActivityLog log = activities.lookupEvents(new LookupRequest(CASE, MotoFixture.ACCOUNT, "us-east-1", "Username", "bob",
        T0.minusSeconds(60), T0.plusSeconds(3600), 100));

    assertThat(log.events()).hasSize(7);
    ActivityLog byKey = activities.lookupEvents(byKey(100));
    assertThat(byKey.events()).hasSize(5);
  }

  @Test
  void lookupEvents_honoursTheTimeWindow() {
    addEvents(20, "alice", KEY);
    ActivityLog log = activities.lookupEvents(new LookupRequest(CASE, MotoFixture.ACCOUNT, "us-east-1", "AccessKeyId", KEY,
        T0.plusSeconds(5), T0.plusSeconds(9), 100));
    assertThat(log.events()).extracting(ApiEvent::at)
        .containsExactly(T0.plusSeconds(5), T0.plusSeconds(6), T0.plusSeconds(7), T0.plusSeconds(8), T0.plusSeconds(9));
  }

  @Test
  void lookupEvents_truncatesAtMaxEvents_keepingTheNewest() {
    addEvents(60, "alice", KEY);
    ActivityLog log = activities.lookupEvents(byKey(10));
    assertThat(log.truncated()).isTrue();
    assertThat(log.events()).hasSize(10);
    assertThat(log.events().get(0).at()).isEqualTo(T0.plusSeconds(50));
    assertThat(log.events().get(9).at()).isEqualTo(T0.plusSeconds(59));
    assertThat(cloudTrail.requestTimes()).hasSize(1);
  }

  @Test
  void lookupEvents_readsIpUserAgentAndErrorFromTheRecord() {
    cloudTrail.addEvent(CloudTrailLookupServer.event().eventTime(T0).accessKeyId(KEY).eventName("CreateUser")
        .eventSource("iam.amazonaws.com").sourceIp("203.0.113.66").userAgent("python-requests/2.31").errorCode("AccessDenied"));

    ApiEvent event = activities.lookupEvents(byKey(10)).events().get(0);

    assertThat(event.eventName()).isEqualTo("CreateUser");
    assertThat(event.eventSource()).isEqualTo("iam.amazonaws.com");
    assertThat(event.sourceIp()).isEqualTo("203.0.113.66");
    assertThat(event.userAgent()).isEqualTo("python-requests/2.31");
    assertThat(event.errorCode()).isEqualTo("AccessDenied");
    assertThat(event.eventId()).isNotBlank();
  }

  @Test
  void lookupEvents_storesTheRawEventsAsEvidence() throws Exception {
    addEvents(3, "alice", KEY);

    ActivityLog log = activities.lookupEvents(byKey(10));

    String key = "cases/" + CASE + "/cloudtrail/AccessKeyId-" + KEY + ".json";
    assertThat(log.rawEvidence().location()).isEqualTo("s3://ir-evidence/" + key);
    byte[] stored = s3.getObjectAsBytes(b -> b.bucket("ir-evidence").key(key)).asByteArray();
    assertThat(log.rawEvidence().sha256())
        .isEqualTo(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(stored)));
    JsonNode raw = json.readTree(stored);
    assertThat(raw.isArray()).isTrue();
    assertThat(raw).hasSize(3);
    JsonNode record = json.readTree(raw.get(0).get("CloudTrailEvent").asText());
    assertThat(record.path("userIdentity").path("accessKeyId").asText()).isEqualTo(KEY);
  }

  @Test
  void lookupEvents_withUnknownAttribute_failsValidation() {
    Throwable thrown = catchThrowable(() -> activities.lookupEvents(new LookupRequest(CASE, MotoFixture.ACCOUNT, "us-east-1",
        "SourceIp", "1.2.3.4", T0, T0.plusSeconds(60), 10)));
    assertThat(thrown).isInstanceOf(ActivityFailure.class);
    assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
    assertThat(((ApplicationFailure) thrown.getCause()).getType()).isEqualTo(FailureType.VALIDATION.name());
    assertThat(cloudTrail.requestTimes()).isEmpty();
  }
}
