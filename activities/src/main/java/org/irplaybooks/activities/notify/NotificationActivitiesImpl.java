package org.irplaybooks.activities.notify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.activities.evidence.EvidenceStore;
import org.irplaybooks.workflows.incident.NotificationRecord;
import org.irplaybooks.workflows.ports.FailureType;
import org.irplaybooks.workflows.ports.NotificationActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * {@link NotificationActivities} on SNS. Without a configured topic a notification is recorded as
 * not delivered rather than failing the playbook.
 */
public final class NotificationActivitiesImpl implements NotificationActivities {
  public static final String CHANNEL = "sns";
  static final int MAX_SUBJECT = 100;
  static final int MAX_DEDUPLICATION_ID = 128;
  /** SNS's message limit is 256 KiB; leave room for the truncation note. */
  static final int MAX_MESSAGE_BYTES = 256 * 1024 - 512;

  private static final Logger log = LoggerFactory.getLogger(NotificationActivitiesImpl.class);
  private static final Pattern DEDUP_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

  private final AwsClientFactory clients;
  private final AwsErrorTranslator errors;
  private final Clock clock;

  private final WebhookNotifier webhooks;

  public NotificationActivitiesImpl(AwsClientFactory clients, AwsErrorTranslator errors, Clock clock) {
    this(clients, errors, clock, WebhookSettings.none());
  }

  public NotificationActivitiesImpl(AwsClientFactory clients, AwsErrorTranslator errors, Clock clock, WebhookSettings webhooks) {
    this.clients = clients;
    this.errors = errors;
    this.clock = clock;
    this.webhooks = new WebhookNotifier(webhooks, clock);
  }

  @Override
  public NotificationRecord notifyChannel(ChannelNotification request) {
    return webhooks.send(request);
  }

  @Override
  public NotificationRecord notifyResponders(NotificationRequest request) {
    String topicArn = clients.settings().notificationTopicArn();
    if (topicArn == null || topicArn.isBlank()) {
      return new NotificationRecord(CHANNEL, request.event(), null, false,
          "not sent: no SNS topic is configured (notificationTopicArn)", clock.instant());
    }
    String[] arn = topicArn.split(":");
    if (arn.length != 6 || !"arn".equals(arn[0]) || !"sns".equals(arn[2])) {
      throw AwsErrorTranslator.nonRetryable(FailureType.CONFIGURATION, "'" + topicArn + "' is not an SNS topic ARN");
    }
    String region = arn[3];
    boolean fifo = arn[5].endsWith(".fifo");
    PublishRequest.Builder publish = PublishRequest.builder()
        .topicArn(topicArn)
        .subject(subject(request))
        .message(message(request.message()));
    if (fifo) {
      publish.messageGroupId(request.caseId()).messageDeduplicationId(deduplicationId(request.caseId(), request.event()));
    }
    String messageId;
    try {
      messageId = clients.sns(region).publish(publish.build()).messageId();
    } catch (SdkException e) {
      if (AwsErrorTranslator.isNotFound(e)) {
        throw AwsErrorTranslator.nonRetryable(FailureType.CONFIGURATION,
            "publishing " + request.event() + " of " + request.caseId() + " failed: the topic " + topicArn + " does not exist");
      }
      throw errors.translate("publishing " + request.event() + " of " + request.caseId() + " to " + topicArn, e);
    }
    log.info("notified {} of {} for {} (message {})", topicArn, request.event(), request.caseId(), messageId);
    return new NotificationRecord(CHANNEL, request.event(), topicArn, true, messageId, clock.instant());
  }

  /** SNS subjects: printable ASCII, no line breaks, at most 100 characters, not empty. */
  static String subject(NotificationRequest request) {
    String raw = request.subject();
    if (raw == null || raw.isBlank()) raw = "[" + request.severity() + "] " + request.caseId() + " " + request.event();
    StringBuilder out = new StringBuilder();
    for (char c : raw.toCharArray()) {
      if (c == '\r' || c == '\n' || c == '\t') out.append(' ');
      else if (c >= 0x20 && c < 0x7F) out.append(c);
      else out.append('?');
    }
    String subject = out.toString().replaceAll(" {2,}", " ").trim();
    if (subject.isEmpty()) subject = "IR Playbooks notification";
    return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 3) + "...";
  }

  private static String message(String message) {
    String text = message == null || message.isBlank() ? "(no details)" : message;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_MESSAGE_BYTES) return text;
    String cut = new String(bytes, 0, MAX_MESSAGE_BYTES, StandardCharsets.UTF_8);
    // A multi-byte character cut in half decodes to U+FFFD; drop it.
    if (cut.endsWith("\uFFFD")) cut = cut.substring(0, cut.length() - 1);
    return cut + "\n[truncated: the full text is in the incident report]";
  }

  /** Case and event, or their SHA-256 when that is too long or not allowed by SNS. */
  static String deduplicationId(String caseId, String event) {
    String id = caseId + "-" + event;
    if (DEDUP_ID.matcher(id).matches()) return id;
    return HexFormat.of().formatHex(EvidenceStore.sha256(id.getBytes(StandardCharsets.UTF_8)));
  }
}
