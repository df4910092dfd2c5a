package org.irplaybooks.activities.cloudtrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.activities.evidence.EvidenceStore;
import org.irplaybooks.workflows.incident.EvidenceItem;
import org.irplaybooks.workflows.ports.CloudTrailActivities;
import org.irplaybooks.workflows.ports.FailureType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.cloudtrail.model.Resource;

/**
 * {@link CloudTrailActivities} on CloudTrail LookupEvents. Requests are spaced by a
 * {@link RequestRateLimiter} shared by the worker (AWS allows two per second per account and
 * region), each page is reported as a heartbeat, and the events as returned are stored as evidence.
 */
public final class CloudTrailActivitiesImpl implements CloudTrailActivities {
  /** LookupEvents' largest page. */
  public static final int PAGE_SIZE = 50;
  /** LookupEvents' limit per account and region. */
  public static final int REQUESTS_PER_SECOND = 2;

  private static final Logger log = LoggerFactory.getLogger(CloudTrailActivitiesImpl.class);
  private static final Set<String> ATTRIBUTE_KEYS = Set.of(
      "EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource",
      "AccessKeyId");

  private final AwsClientFactory clients;
  private final AwsErrorTranslator errors;
  private final EvidenceStore evidence;
  private final RequestRateLimiter limiter;
  private final ObjectMapper json = new ObjectMapper();

  public CloudTrailActivitiesImpl(AwsClientFactory clients, AwsErrorTranslator errors, EvidenceStore evidence,
      RequestRateLimiter limiter) {
    this.clients = clients;
    this.errors = errors;
    this.evidence = evidence;
    this.limiter = limiter;
  }

  @Override
  public ActivityLog lookupEvents(LookupRequest request) {
    validate(request);
    String region = request.region() == null ? clients.settings().region() : request.region();
    CloudTrailClient cloudTrail = clients.cloudTrail(request.accountId(), region);
    String limiterKey = (request.accountId() == null ? "home" : request.accountId()) + "|" + region;
    String what = "looking up CloudTrail events with " + request.attributeKey() + "=" + request.attributeValue()
        + " in " + region;
    ActivityExecutionContext activity = activityContext();

    List<Event> raw = new ArrayList<>();
    String nextToken = null;
    int page = 0;
    do {
      int want = Math.min(PAGE_SIZE, request.maxEvents() - raw.size());
      LookupEventsRequest.Builder lookup = LookupEventsRequest.builder()
          .lookupAttributes(a -> a.attributeKey(request.attributeKey()).attributeValue(request.attributeValue()))
          .maxResults(want)
          .nextToken(nextToken);
      if (request.start() != null) lookup.startTime(request.start());
      if (request.end() != null) lookup.endTime(request.end());
      LookupEventsResponse response;
      try (RequestRateLimiter.Permit permit = awaitSlot(limiterKey)) {
        response = cloudTrail.lookupEvents(lookup.build());
      } catch (SdkException e) {
        throw errors.translate(what, e);
      }
      raw.addAll(response.events());
      nextToken = response.nextToken();
      page++;
      if (activity != null) activity.heartbeat(page);
    } while (nextToken != null && raw.size() < request.maxEvents());

    boolean truncated = nextToken != null;
    if (raw.size() > request.maxEvents()) {
      raw = new ArrayList<>(raw.subList(0, request.maxEvents()));
      truncated = true;
    }
    List<ApiEvent> events = raw.stream().map(this::apiEvent)
        .sorted(Comparator.comparing(ApiEvent::at, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ApiEvent::eventId, Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
    String name = "cloudtrail/" + EvidenceStore.sanitizeName(request.attributeKey() + "-" + request.attributeValue()) + ".json";
    EvidenceItem stored = evidence.store(request.caseId(), name, "application/json", rawJson(raw));
    log.info("read {} CloudTrail events for {}={} in {} pages{}", events.size(), request.attributeKey(),
        request.attributeValue(), page, truncated ? " (truncated)" : "");
    return new ActivityLog(events, truncated, stored);
  }

  private ApiEvent apiEvent(Event event) {
    JsonNode record = parse(event.cloudTrailEvent());
    return new ApiEvent(event.eventTime(), event.eventName(), event.eventSource(),
        text(record, "sourceIPAddress"), text(record, "userAgent"), text(record, "errorCode"), event.eventId());
  }

  private JsonNode parse(String cloudTrailEvent) {
    if (cloudTrailEvent == null || cloudTrailEvent.isBlank()) return json.createObjectNode();
    try {
      return json.readTree(cloudTrailEvent);
    } catch (JsonProcessingException e) {
      log.warn("a CloudTrail event carried a record that is not JSON; its details are left empty");
      return json.createObjectNode();
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** The events as LookupEvents answered them, the record kept as CloudTrail's own string. */
  private String rawJson(List<Event> events) {
    ArrayNode array = json.createArrayNode();
    for (Event e : events) {
      ObjectNode node = array.addObject();
      node.put("EventId", e.eventId());
      node.put("EventName", e.eventName());
      node.put("ReadOnly", e.readOnly());
      node.put("AccessKeyId", e.accessKeyId());
      node.put("EventTime", e.eventTime() == null ? null : e.eventTime().toString());
      node.put("EventSource", e.eventSource());
      node.put("Username", e.username());
      ArrayNode resources = node.putArray("Resources");
      for (Resource r : e.resources()) {
        resources.addObject().put("ResourceType", r.resourceType()).put("ResourceName", r.resourceName());
      }
      node.put("CloudTrailEvent", e.cloudTrailEvent());
    }
    try {
      return json.writeValueAsString(array);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("serializing CloudTrail events failed", e);
    }
  }

  private RequestRateLimiter.Permit awaitSlot(String key) {
    try {
      return limiter.acquire(key);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to call CloudTrail", e);
    }
  }

  private static void validate(LookupRequest request) {
    if (request.attributeKey() == null || !ATTRIBUTE_KEYS.contains(request.attributeKey())
        || LookupAttributeKey.fromValue(request.attributeKey()) == LookupAttributeKey.UNKNOWN_TO_SDK_VERSION) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION,
          "'" + request.attributeKey() + "' is not a LookupEvents attribute; use one of " + ATTRIBUTE_KEYS);
    }
    if (request.attributeValue() == null || request.attributeValue().isBlank()) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "the lookup of " + request.attributeKey() + " has no value");
    }
    if (request.maxEvents() <= 0) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "maxEvents must be positive, got " + request.maxEvents());
    }
    if (request.start() != null && request.end() != null && request.start().isAfter(request.end())) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION,
          "the lookup window starts (" + request.start() + ") after it ends (" + request.end() + ")");
    }
    EvidenceStore.validate(request.caseId(), "cloudtrail/lookup.json");
  }

  /** The running activity's context, or null when called directly (e.g. from a unit test). */
  private static ActivityExecutionContext activityContext() {
    try {
      return Activity.getExecutionContext();
    } catch (IllegalStateException | NullPointerException notInAnActivity) {
      return null;
    }
  }
}
