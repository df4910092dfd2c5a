package org.irplaybooks.activities.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A CloudTrail {@code LookupEvents} endpoint on 127.0.0.1, for the tests and the dev stack
 * (moto_server does not implement LookupEvents). It speaks AWS JSON 1.1 as CloudTrail does, so the
 * production {@code CloudTrailClient} reaches it with an endpoint override and nothing else.
 *
 * <p>Supported: one lookup attribute (AccessKeyId, Username, EventName, EventSource, ResourceName,
 * ResourceType, EventId, ReadOnly), StartTime/EndTime, MaxResults (1–50, default 50), NextToken;
 * events newest first, as CloudTrail answers them. Other operations get {@code
 * UnknownOperationException}.
 */
public final class CloudTrailLookupServer implements AutoCloseable {
  public static final String TARGET_PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
  public static final String LOOKUP_EVENTS = TARGET_PREFIX + "LookupEvents";
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final int MAX_RESULTS = 50;
  private static final Set<String> ATTRIBUTE_KEYS = Set.of(
      "AccessKeyId", "Username", "EventName", "EventSource", "ResourceName", "ResourceType", "EventId", "ReadOnly");

  private final ObjectMapper json = new ObjectMapper();
  private final List<StoredEvent> events = new CopyOnWriteArrayList<>();
  private final List<Instant> requestTimes = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor;

  private CloudTrailLookupServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts the server on 127.0.0.1 and a free port. */
  public static CloudTrailLookupServer start() {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LoopbackPorts.HOST), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + LoopbackPorts.HOST, e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "cloudtrail-lookup-stub");
      t.setDaemon(true);
      return t;
    });
    CloudTrailLookupServer stub = new CloudTrailLookupServer(http, executor);
    http.createContext("/", stub::handle);
    http.setExecutor(executor);
    http.start();
    return stub;
  }

  /** The endpoint to give the CloudTrail client ({@code serviceEndpoints.cloudtrail}). */
  public URI endpoint() {
    return URI.create("http://" + LoopbackPorts.HOST + ":" + server.getAddress().getPort());
  }

  /** Adds a CloudTrail record built by {@link #event()}; answers its event id. */
  public String addEvent(EventBuilder event) {
    return addEvent(event.build());
  }

  /**
   * Adds a CloudTrail record (the JSON CloudTrail writes for one event); answers its event id. The
   * LookupEvents fields are read from it: eventID, eventTime, eventName, eventSource, readOnly,
   * userIdentity.accessKeyId, userIdentity.userName (or the last part of userIdentity.arn) and
   * resources[].ARN/type.
   */
  public String addEvent(ObjectNode record) {
    if (!record.hasNonNull("eventID")) record.put("eventID", UUID.randomUUID().toString());
    String eventTime = record.path("eventTime").asText(null);
    if (eventTime == null) throw new IllegalArgumentException("a CloudTrail record needs an eventTime");
    Instant at;
    try {
      at = Instant.parse(eventTime);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("eventTime '" + eventTime + "' is not an ISO-8601 instant", e);
    }
    JsonNode identity = record.path("userIdentity");
    String userName = identity.path("userName").asText(null);
    if (userName == null && identity.hasNonNull("arn")) {
      String arn = identity.get("arn").asText();
      userName = arn.substring(arn.lastIndexOf('/') + 1);
    }
    List<Resource> resources = new ArrayList<>();
    for (JsonNode r : record.path("resources")) {
      resources.add(new Resource(r.path("type").asText(null), r.path("ARN").asText(null)));
    }
    String eventName = record.path("eventName").asText(null);
    String readOnly = record.has("readOnly") ? String.valueOf(record.get("readOnly").asBoolean()) : String.valueOf(isReadOnly(eventName));
    String id = record.get("eventID").asText();
    events.add(new StoredEvent(id, eventName, readOnly, identity.path("accessKeyId").asText(null), at,
        record.path("eventSource").asText(null), userName, List.copyOf(resources), write(record)));
    return id;
  }

  /** Removes every event and forgets the requests seen. */
  public void clear() {
    events.clear();
    requestTimes.clear();
  }

  /** When each LookupEvents request arrived, in order. */
  public List<Instant> requestTimes() {
    return List.copyOf(requestTimes);
  }

  /** A realistic CloudTrail record of an IAM user's API call. */
  public static EventBuilder event() {
    return new EventBuilder();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        error(exchange, 405, "UnknownOperationException", "only POST / is served");
        return;
      }
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (!LOOKUP_EVENTS.equals(target)) {
        error(exchange, 400, "UnknownOperationException", "this stub serves only LookupEvents, not " + target);
        return;
      }
      requestTimes.add(Instant.now());
      JsonNode request;
      try {
        request = body.length == 0 ? json.createObjectNode() : json.readTree(body);
      } catch (JsonProcessingException e) {
        error(exchange, 400, "SerializationException", "the request body is not JSON");
        return;
      }
      lookupEvents(exchange, request);
    } catch (RuntimeException e) {
      error(exchange, 500, "InternalFailure", "the stub failed: " + e);
    }
  }

  private void lookupEvents(HttpExchange exchange, JsonNode request) throws IOException {
    JsonNode attributes = request.path("LookupAttributes");
    if (attributes.size() > 1) {
      error(exchange, 400, "InvalidLookupAttributesException", "only one lookup attribute is allowed");
      return;
    }
    String key = null;
    String value = null;
    if (attributes.size() == 1) {
      key = attributes.get(0).path("AttributeKey").asText(null);
      value = attributes.get(0).path("AttributeValue").asText(null);
      if (key == null || !ATTRIBUTE_KEYS.contains(key) || value == null) {
        error(exchange, 400, "InvalidLookupAttributesException", "unsupported lookup attribute " + key);
        return;
      }
    }
    Instant start = request.hasNonNull("StartTime") ? epoch(request.get("StartTime")) : null;
    Instant end = request.hasNonNull("EndTime") ? epoch(request.get("EndTime")) : null;
    if (start != null && end != null && start.isAfter(end)) {
      error(exchange, 400, "InvalidTimeRangeException", "StartTime is after EndTime");
      return;
    }
    int maxResults = request.hasNonNull("MaxResults") ? request.get("MaxResults").asInt() : MAX_RESULTS;
    if (maxResults < 1 || maxResults > MAX_RESULTS) {
      error(exchange, 400, "InvalidMaxResultsException", "MaxResults must be between 1 and 50");
      return;
    }
    int offset = 0;
    if (request.hasNonNull("NextToken")) {
      try {
        offset = Integer.parseInt(new String(Base64.getDecoder().decode(request.get("NextToken").asText()), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        offset = -1;
      }
      if (offset < 0) {
        error(exchange, 400, "InvalidNextTokenException", "the NextToken is not one this server issued");
        return;
      }
    }

    String k = key;
    String v = value;
    List<StoredEvent> matching = events.stream()
        .filter(e -> k == null || e.matches(k, v))
        .filter(e -> start == null || !e.eventTime().isBefore(start))
        .filter(e -> end == null || !e.eventTime().isAfter(end))
        .sorted(Comparator.comparing(StoredEvent::eventTime).reversed().thenComparing(StoredEvent::eventId))
        .toList();
    int to = Math.min(matching.size(), offset + maxResults);
    ObjectNode response = json.createObjectNode();
    ArrayNode out = response.putArray("Events");
    for (StoredEvent e : matching.subList(Math.min(offset, to), to)) {
      ObjectNode node = out.addObject();
      node.put("EventId", e.eventId());
      node.put("EventName", e.eventName());
      node.put("ReadOnly", e.readOnly());
      if (e.accessKeyId() != null) node.put("AccessKeyId", e.accessKeyId());
      node.put("EventTime", epochSeconds(e.eventTime()));
      node.put("EventSource", e.eventSource());
      if (e.username() != null) node.put("Username", e.username());
      ArrayNode resources = node.putArray("Resources");
      for (Resource r : e.resources()) resources.addObject().put("ResourceType", r.type()).put("ResourceName", r.name());
      node.put("CloudTrailEvent", e.cloudTrailEvent());
    }
    if (to < matching.size()) {
      response.put("NextToken", Base64.getEncoder().encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)));
    }
    send(exchange, 200, json.writeValueAsBytes(response), null);
  }

  private void error(HttpExchange exchange, int status, String type, String message) throws IOException {
    ObjectNode body = json.createObjectNode().put("__type", type).put("message", message);
    send(exchange, status, json.writeValueAsBytes(body), type);
  }

  private static void send(HttpExchange exchange, int status, byte[] body, String errorType) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    if (errorType != null) exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** AWS JSON timestamps are epoch seconds, possibly with a fraction. */
  private static Instant epoch(JsonNode node) {
    BigDecimal seconds = node.decimalValue();
    long whole = seconds.longValue();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
    return Instant.ofEpochSecond(whole, nanos);
  }

  private static BigDecimal epochSeconds(Instant at) {
    return BigDecimal.valueOf(at.getEpochSecond()).add(BigDecimal.valueOf(at.getNano(), 9)).stripTrailingZeros();
  }

  private String write(ObjectNode record) {
    try {
      return json.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the record cannot be written as JSON", e);
    }
  }

  static boolean isReadOnly(String eventName) {
    if (eventName == null) return false;
    for (String prefix : List.of("Get", "List", "Describe", "Head", "Lookup", "Search", "BatchGet")) {
      if (eventName.startsWith(prefix)) return true;
    }
    return false;
  }

  private record Resource(String type, String name) {}

  private record StoredEvent(String eventId, String eventName, String readOnly, String accessKeyId,
      Instant eventTime, String eventSource, String username, List<Resource> resources, String cloudTrailEvent) {

    boolean matches(String key, String value) {
      return switch (key) {
        case "AccessKeyId" -> value.equals(accessKeyId);
        case "Username" -> value.equals(username);
        case "EventName" -> value.equals(eventName);
        case "EventSource" -> value.equals(eventSource);
        case "EventId" -> value.equals(eventId);
        case "ReadOnly" -> value.toLowerCase(Locale.ROOT).equals(readOnly);
        case "ResourceName" -> resources.stream().anyMatch(r -> value.equals(r.name()));
        case "ResourceType" -> resources.stream().anyMatch(r -> value.equals(r.type()));
        default -> false;
      };
    }
  }

  /** Builds the record CloudTrail writes for an IAM user's API call. */
  public static final class EventBuilder {
    private final ObjectMapper json = new ObjectMapper();
    private Instant eventTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private String eventName = "GetCallerIdentity";
    private String eventSource = "sts.amazonaws.com";
    private String accountId = "123456789012";
    private String region = "us-east-1";
    private String accessKeyId = "AKIAIOSFODNN7EXAMPLE";
    private String userName = "alice";
    private String sourceIp = "198.51.100.23";
    private String userAgent = "aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0 exe/x86_64";
    private String errorCode;
    private String errorMessage;
    private Boolean readOnly;
    private String eventId;
    private final List<Resource> resources = new ArrayList<>();

    private EventBuilder() {}

    public EventBuilder eventTime(Instant value) { this.eventTime = value; return this; }
    public EventBuilder eventName(String value) { this.eventName = value; return this; }
    public EventBuilder eventSource(String value) { this.eventSource = value; return this; }
    public EventBuilder accountId(String value) { this.accountId = value; return this; }
    public EventBuilder region(String value) { this.region = value; return this; }
    public EventBuilder accessKeyId(String value) { this.accessKeyId = value; return this; }
    public EventBuilder userName(String value) { this.userName = value; return this; }
    public EventBuilder sourceIp(String value) { this.sourceIp = value; return this; }
    public EventBuilder userAgent(String value) { this.userAgent = value; return this; }
    public EventBuilder errorCode(String value) { this.errorCode = value; return this; }
    public EventBuilder errorMessage(String value) { this.errorMessage = value; return this; }
    public EventBuilder readOnly(boolean value) { this.readOnly = value; return this; }
    public EventBuilder eventId(String value) { this.eventId = value; return this; }
    public EventBuilder resource(String type, String arn) { resources.add(new Resource(type, arn)); return this; }

    /** The CloudTrail record, as a JSON object. */
    public ObjectNode build() {
      ObjectNode record = json.createObjectNode();
      record.put("eventVersion", "1.09");
      ObjectNode identity = record.putObject("userIdentity");
      identity.put("type", "IAMUser");
      identity.put("principalId", "AIDA" + Integer.toHexString(Math.abs(userName.hashCode())).toUpperCase(Locale.ROOT));
      identity.put("arn", "arn:aws:iam::" + accountId + ":user/" + userName);
      identity.put("accountId", accountId);
      identity.put("accessKeyId", accessKeyId);
      identity.put("userName", userName);
      record.put("eventTime", eventTime.truncatedTo(ChronoUnit.SECONDS).toString());
      record.put("eventSource", eventSource);
      record.put("eventName", eventName);
      record.put("awsRegion", region);
      record.put("sourceIPAddress", sourceIp);
      record.put("userAgent", userAgent);
      if (errorCode != null) {
        record.put("errorCode", errorCode);
        record.put("errorMessage", errorMessage != null ? errorMessage
            : "User: arn:aws:iam::" + accountId + ":user/" + userName + " is not authorized to perform: " + eventName);
      }
      record.putNull("requestParameters");
      record.putNull("responseElements");
      record.put("requestID", UUID.randomUUID().toString());
      record.put("eventID", eventId != null ? eventId : UUID.randomUUID().toString());
      record.put("readOnly", readOnly != null ? readOnly : isReadOnly(eventName));
      if (!resources.isEmpty()) {
        ArrayNode array = record.putArray("resources");
        for (Resource r : resources) array.addObject().put("accountId", accountId).put("type", r.type()).put("ARN", r.name());
      }
      record.put("eventType", "AwsApiCall");
      record.put("managementEvent", true);
      record.put("recipientAccountId", accountId);
      record.put("eventCategory", "Management");
      ObjectNode tls = record.putObject("tlsDetails");
      tls.put("tlsVersion", "TLSv1.3");
      tls.put("cipherSuite", "TLS_AES_128_GCM_SHA256");
      tls.put("clientProvidedHostHeader", eventSource.replace(".amazonaws.com", "") + "." + region + ".amazonaws.com");
      return record;
    }
  }
}
