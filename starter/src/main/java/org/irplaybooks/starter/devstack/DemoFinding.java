package org.irplaybooks.starter.devstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The demo's GuardDuty finding: an EventBridge {@code GuardDuty Finding} event of type
 * {@code UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom} (severity 8, HIGH) for the seeded
 * user's access key, called from a documentation IP on a custom threat list. Built from the
 * template {@code demo/guardduty-finding.json} with Jackson; every demo run gets a fresh finding
 * id. Also the attacker's CloudTrail activity with that key, for the CloudTrail stub.
 */
public final class DemoFinding {
  public static final String TEMPLATE = "/demo/guardduty-finding.json";
  public static final String TYPE = "UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom";
  /** From the documentation range TEST-NET-2 (RFC 5737): never a real host. */
  public static final String ATTACKER_IP = "198.51.100.23";
  public static final String ATTACKER_USER_AGENT =
      "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-aws exe/x86_64.ubuntu.22 prompt/off";
  public static final String ATTACKER_SDK_USER_AGENT = "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.5.0 lang/python#3.11.8";
  /** How long before "now" the finding's API call was seen. */
  public static final Duration SEEN_AGO = Duration.ofMinutes(5);

  private static final ObjectMapper JSON = new ObjectMapper();
  /** GuardDuty's own timestamp shape: ISO-8601 UTC with milliseconds. */
  private static final DateTimeFormatter GUARDDUTY_TIME = DateTimeFormatter.ISO_INSTANT;

  private final String findingId;
  private final Instant seenAt;
  private final ObjectNode event;

  private DemoFinding(String findingId, Instant seenAt, ObjectNode event) {
    this.findingId = findingId;
    this.seenAt = seenAt;
    this.event = event;
  }

  /** The finding for the seeded environment, seen {@link #SEEN_AGO} before {@code now}, with a fresh id. */
  public static DemoFinding create(DemoEnvironment.Seeded env, Instant now) {
    return create(env.accountId(), env.region(), env.accessKeyId(), env.userId(), env.userName(), now, newFindingId());
  }

  public static DemoFinding create(
      String accountId, String region, String accessKeyId, String principalId, String userName,
      Instant now, String findingId) {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(userName, "userName");
    Instant created = now.truncatedTo(ChronoUnit.MILLIS);
    Instant seenAt = created.minus(SEEN_AGO);
    ObjectNode event = template();
    event.put("id", UUID.randomUUID().toString());
    event.put("time", created.truncatedTo(ChronoUnit.SECONDS).toString());
    event.put("account", accountId);
    event.put("region", region);

    ObjectNode detail = (ObjectNode) event.get("detail");
    String detectorId = detail.path("service").path("detectorId").asText();
    detail.put("accountId", accountId);
    detail.put("region", region);
    detail.put("id", findingId);
    detail.put("arn", "arn:aws:guardduty:" + region + ":" + accountId + ":detector/" + detectorId + "/finding/" + findingId);
    detail.put("createdAt", GUARDDUTY_TIME.format(created));
    detail.put("updatedAt", GUARDDUTY_TIME.format(created));
    detail.put("description", "API ListBuckets, commonly used in Discovery tactics, was invoked by user " + userName
        + " from IP address " + ATTACKER_IP + ", which is on the custom threat list ir-playbooks-demo-threat-list.");

    ObjectNode key = (ObjectNode) detail.path("resource").path("accessKeyDetails");
    key.put("accessKeyId", accessKeyId);
    key.put("principalId", principalId);
    key.put("userName", userName);
    key.put("userType", "IAMUser");

    ObjectNode service = (ObjectNode) detail.get("service");
    service.put("eventFirstSeen", GUARDDUTY_TIME.format(seenAt));
    service.put("eventLastSeen", GUARDDUTY_TIME.format(seenAt));
    service.put("count", 1);
    ObjectNode call = (ObjectNode) service.path("action").path("awsApiCallAction");
    ((ObjectNode) call.get("remoteIpDetails")).put("ipAddressV4", ATTACKER_IP);
    return new DemoFinding(findingId, seenAt, event);
  }

  /** A GuardDuty-shaped finding id: 32 lowercase hex characters. */
  public static String newFindingId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private static ObjectNode template() {
    try (InputStream in = DemoFinding.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) throw new IllegalStateException("missing classpath resource " + TEMPLATE);
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + TEMPLATE, e);
    }
  }

  public String findingId() {
    return findingId;
  }

  /** When the finding's API call (ListBuckets from the attacker IP) happened. */
  public Instant seenAt() {
    return seenAt;
  }

  /** The EventBridge event (a copy: callers may change it freely). */
  public ObjectNode event() {
    return event.deepCopy();
  }

  public String json() {
    try {
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public String prettyJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What the attacker did with the key around the finding, oldest first: reconnaissance, the
   * ListBuckets GuardDuty flagged (at {@link #seenAt()}), data access, persistence attempts, and
   * two denied calls. Everything from {@link #ATTACKER_IP}, all before "now".
   */
  public List<DemoTrailEvent> attackerActivity() {
    String keyId = event.path("detail").path("resource").path("accessKeyDetails").path("accessKeyId").asText();
    String user = event.path("detail").path("resource").path("accessKeyDetails").path("userName").asText();
    return attackerActivity(keyId, user, seenAt);
  }

  public static List<DemoTrailEvent> attackerActivity(String accessKeyId, String userName, Instant seenAt) {
    Instant t0 = seenAt.truncatedTo(ChronoUnit.SECONDS);
    List<DemoTrailEvent> events = new ArrayList<>();
    events.add(trail(t0.minusSeconds(75), "GetCallerIdentity", "sts.amazonaws.com", ATTACKER_USER_AGENT, null, accessKeyId, userName));
    events.add(trail(t0, "ListBuckets", "s3.amazonaws.com", ATTACKER_USER_AGENT, null, accessKeyId, userName));
    events.add(trail(t0.plusSeconds(12), "ListUsers", "iam.amazonaws.com", ATTACKER_USER_AGENT, null, accessKeyId, userName));
    events.add(trail(t0.plusSeconds(31), "GetObject", "s3.amazonaws.com", ATTACKER_SDK_USER_AGENT, null, accessKeyId, userName));
    events.add(trail(t0.plusSeconds(34), "GetObject", "s3.amazonaws.com", ATTACKER_SDK_USER_AGENT, null, accessKeyId, userName));
    events.add(trail(t0.plusSeconds(48), "GetSecretValue", "secretsmanager.amazonaws.com", ATTACKER_SDK_USER_AGENT,
        "AccessDenied", accessKeyId, userName));
    events.add(trail(t0.plusSeconds(63), "CreateUser", "iam.amazonaws.com", ATTACKER_USER_AGENT, null, accessKeyId, userName));
    events.add(trail(t0.plusSeconds(70), "AttachUserPolicy", "iam.amazonaws.com", ATTACKER_USER_AGENT,
        "AccessDenied", accessKeyId, userName));
    events.add(trail(t0.plusSeconds(82), "CreateAccessKey", "iam.amazonaws.com", ATTACKER_USER_AGENT, null, accessKeyId, userName));
    return List.copyOf(events);
  }

  private static DemoTrailEvent trail(
      Instant at, String name, String source, String agent, String error, String keyId, String user) {
    return new DemoTrailEvent(at, name, source, ATTACKER_IP, agent, error, keyId, user);
  }
}
