package org.irplaybooks.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.irplaybooks.activities.MotoFixture;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.activities.emulator.MotoServer;
import org.irplaybooks.workflows.incident.NotificationRecord;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.ports.FailureType;
import org.irplaybooks.workflows.ports.NotificationActivities.NotificationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class NotificationActivitiesImplTest {
  private static final String CASE = "IR-0123456789AB";
  private static MotoServer moto;

  private final ObjectMapper json = new ObjectMapper();
  private AwsClientFactory clients;
  private SqsClient sqs;

  @BeforeAll
  static void startMoto() {
    moto = MotoFixture.startMoto(NotificationActivitiesImplTest.class);
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) moto.close();
  }

  @BeforeEach
  void setUp() {
    moto.reset();
    AwsCredentialsProvider credentials = MotoFixture.FAKE_CREDENTIALS;
    sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials).build();
  }

  @AfterEach
  void tearDown() {
    if (clients != null) clients.close();
    sqs.close();
  }

  private NotificationActivitiesImpl activities(String topicArn) {
    clients = MotoFixture.clients(MotoFixture.settings(moto).notificationTopicArn(topicArn).build());
    return new NotificationActivitiesImpl(clients, new AwsErrorTranslator(), Clock.systemUTC());
  }

  /** A topic with a queue subscribed to it; answers [topicArn, queueUrl]. */
  private String[] topicWithQueue(String topicName, boolean fifo) {
    try (AwsClientFactory setup = MotoFixture.clients(MotoFixture.settings(moto).build())) {
      Map<String, String> topicAttributes = fifo ? Map.of("FifoTopic", "true") : Map.of();
      String topicArn = setup.sns(null).createTopic(b -> b.name(topicName).attributes(topicAttributes)).topicArn();
      Map<QueueAttributeName, String> queueAttributes = fifo ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
      String queueUrl = sqs.createQueue(b -> b.queueName(fifo ? "responders.fifo" : "responders").attributes(queueAttributes)).queueUrl();
      String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
          .attributes().get(QueueAttributeName.QUEUE_ARN);
      setup.sns(null).subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
      return new String[] {topicArn, queueUrl};
    }
  }

  private List<Message> receive(String queueUrl) {
    return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
  }

  @Test
  void notifyResponders_publishesToTheTopic_andTheSubscribedQueueGetsIt() throws Exception {
    String[] topicAndQueue = topicWithQueue("ir-responders", false);
    NotificationActivitiesImpl activities = activities(topicAndQueue[0]);

    NotificationRecord record = activities.notifyResponders(new NotificationRequest(CASE, "CONTAINED", Severity.HIGH,
        "[HIGH] IR-0123456789AB contained:\nkey AKIA… disabled", "Access key disabled, deny-all policy attached."));

    assertThat(record.channel()).isEqualTo("sns");
    assertThat(record.event()).isEqualTo("CONTAINED");
    assertThat(record.target()).isEqualTo(topicAndQueue[0]);
    assertThat(record.delivered()).isTrue();
    assertThat(record.detail()).isNotBlank();
    assertThat(record.at()).isNotNull();

    List<Message> messages = receive(topicAndQueue[1]);
    assertThat(messages).hasSize(1);
    JsonNode envelope = json.readTree(messages.get(0).body());
    assertThat(envelope.get("Message").asText()).isEqualTo("Access key disabled, deny-all policy attached.");
    assertThat(envelope.get("MessageId").asText()).isEqualTo(record.detail());
    assertThat(envelope.get("Subject").asText()).isEqualTo("[HIGH] IR-0123456789AB contained: key AKIA? disabled");
  }

  @Test
  void notifyResponders_onFifoTopic_setsGroupAndDeduplicationIds() throws Exception {
    String[] topicAndQueue = topicWithQueue("ir-responders.fifo", true);
    NotificationActivitiesImpl activities = activities(topicAndQueue[0]);

    NotificationRecord record = activities.notifyResponders(
        new NotificationRequest(CASE, "ESCALATED", Severity.CRITICAL, "escalated", "No approval within 4 hours."));

    assertThat(record.delivered()).isTrue();
    List<Message> messages = receive(topicAndQueue[1]);
    assertThat(messages).hasSize(1);
    assertThat(json.readTree(messages.get(0).body()).get("Message").asText()).isEqualTo("No approval within 4 hours.");
  }

  @Test
  void notifyResponders_withoutTopic_recordsNotDelivered() {
    NotificationRecord record = activities(null).notifyResponders(
        new NotificationRequest(CASE, "CONTAINED", Severity.HIGH, "s", "m"));
    assertThat(record.delivered()).isFalse();
    assertThat(record.target()).isNull();
    assertThat(record.detail()).contains("no SNS topic is configured");
  }

  @Test
  void notifyResponders_toMissingTopic_failsConfiguration() {
    NotificationActivitiesImpl activities = activities("arn:aws:sns:us-east-1:123456789012:nobody-home");
    Throwable thrown = catchThrowable(() -> activities.notifyResponders(new NotificationRequest(CASE, "CLOSED", Severity.LOW, "s", "m")));
    assertThat(thrown).isInstanceOf(ApplicationFailure.class);
    assertThat(((ApplicationFailure) thrown).getType()).isEqualTo(FailureType.CONFIGURATION.name());
  }

  @Test
  void subject_isAsciiSingleLineAndAtMost100Characters() {
    String subject = NotificationActivitiesImpl.subject(new NotificationRequest(CASE, "CLOSED", Severity.LOW,
        "línea uno\r\nline two " + "x".repeat(200), "m"));
    assertThat(subject).hasSize(100).doesNotContain("\n").doesNotContain("\r").matches("[\\x20-\\x7E]+").endsWith("...");
    assertThat(NotificationActivitiesImpl.subject(new NotificationRequest(CASE, "CLOSED", Severity.LOW, null, "m")))
        .isEqualTo("[LOW] IR-0123456789AB CLOSED");
  }

  @Test
  void deduplicationId_isCaseAndEvent_orItsHashWhenTooLong() {
    assertThat(NotificationActivitiesImpl.deduplicationId(CASE, "CONTAINED")).isEqualTo(CASE + "-CONTAINED");
    String hashed = NotificationActivitiesImpl.deduplicationId(CASE, "E".repeat(200));
    assertThat(hashed).hasSize(64).matches("[0-9a-f]+");
    assertThat(NotificationActivitiesImpl.deduplicationId(CASE, "E".repeat(200))).isEqualTo(hashed);
  }
}
