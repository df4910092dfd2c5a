package org.irplaybooks.starter.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.irplaybooks.activities.emulator.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The demo AWS environment, seeded into a real moto_server on 127.0.0.1. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DemoEnvironmentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path logs;
  private static MotoServer moto;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start(logs.resolve("moto.log"));
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) moto.close();
  }

  @BeforeEach
  void reset() {
    moto.reset();
  }

  @Test
  void seedsTheDemoAccount() {
    DemoEnvironment.Seeded env = DemoEnvironment.seed(moto.endpoint());
    assertThat(env.accountId()).isEqualTo("123456789012");
    assertThat(env.userName()).isEqualTo("payments-deployer");
    assertThat(env.accessKeyId()).matches("(AKIA|ASIA)[A-Z0-9]{16}");
    assertThat(env.bucket()).startsWith("ir-playbooks-evidence-");

    try (IamClient iam = DemoEnvironment.client(IamClient.builder(), moto.endpoint());
        S3Client s3 = DemoEnvironment.client(S3Client.builder().forcePathStyle(true), moto.endpoint())) {
      assertThat(iam.listUserTags(r -> r.userName("payments-deployer")).tags())
          .contains(Tag.builder().key("team").value("payments").build());
      assertThat(iam.getLoginProfile(r -> r.userName("payments-deployer")).loginProfile().userName())
          .isEqualTo("payments-deployer");
      assertThat(iam.listUserPolicies(r -> r.userName("payments-deployer")).policyNames())
          .containsExactly(DemoEnvironment.INLINE_POLICY);
      assertThat(iam.listAttachedUserPolicies(r -> r.userName("payments-deployer")).attachedPolicies())
          .extracting(AttachedPolicy::policyArn).containsExactly(env.managedPolicyArn());
      assertThat(iam.listAccessKeys(r -> r.userName("payments-deployer")).accessKeyMetadata())
          .singleElement().satisfies(k -> {
            assertThat(k.accessKeyId()).isEqualTo(env.accessKeyId());
            assertThat(k.statusAsString()).isEqualTo("Active");
          });
      assertThat(iam.getUser(r -> r.userName("ci-bot")).user().userName()).isEqualTo("ci-bot");

      assertThat(s3.getObjectLockConfiguration(r -> r.bucket(env.bucket())).objectLockConfiguration().objectLockEnabled())
          .isEqualTo(ObjectLockEnabled.ENABLED);
      assertThat(s3.getBucketVersioning(r -> r.bucket(env.bucket())).status()).isEqualTo(BucketVersioningStatus.ENABLED);
      PublicAccessBlockConfiguration block =
          s3.getPublicAccessBlock(r -> r.bucket(env.bucket())).publicAccessBlockConfiguration();
      assertThat(List.of(block.blockPublicAcls(), block.ignorePublicAcls(), block.blockPublicPolicy(),
          block.restrictPublicBuckets())).containsOnly(true);
    }
  }

  @Test
  void notificationsPublishedToTheTopicCanBeReadBackFromTheQueue() throws Exception {
    DemoEnvironment.Seeded env = DemoEnvironment.seed(moto.endpoint());
    try (SnsClient sns = DemoEnvironment.client(SnsClient.builder(), moto.endpoint());
        SqsClient sqs = DemoEnvironment.client(SqsClient.builder(), moto.endpoint())) {
      sns.publish(r -> r.topicArn(env.topicArn()).subject("IR-TEST").message("containment done"));
      List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(env.queueUrl()).maxNumberOfMessages(10)
          .waitTimeSeconds(2)).messages();
      assertThat(messages).hasSize(1);
      JsonNode envelope = JSON.readTree(messages.get(0).body());
      assertThat(envelope.path("Message").asText()).isEqualTo("containment done");
      assertThat(envelope.path("Subject").asText()).isEqualTo("IR-TEST");
    }
  }

  @Test
  void seedingTwiceChangesNothing() {
    DemoEnvironment.Seeded first = DemoEnvironment.seed(moto.endpoint());
    DemoEnvironment.Seeded second = DemoEnvironment.seed(moto.endpoint());
    assertThat(second).isEqualTo(first);
    try (IamClient iam = DemoEnvironment.client(IamClient.builder(), moto.endpoint());
        SnsClient sns = DemoEnvironment.client(SnsClient.builder(), moto.endpoint())) {
      assertThat(iam.listAccessKeys(r -> r.userName("payments-deployer")).accessKeyMetadata()).hasSize(1);
      assertThat(iam.listAccessKeys(r -> r.userName("ci-bot")).accessKeyMetadata()).hasSize(1);
      assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(first.topicArn())).subscriptions()).hasSize(1);
    }
  }

  @Test
  void theDemoFindingNamesTheSeededKey() throws Exception {
    DemoEnvironment.Seeded env = DemoEnvironment.seed(moto.endpoint());
    DemoFinding finding = DemoFinding.create(env, Instant.now());
    JsonNode event = JSON.readTree(finding.json());
    JsonNode key = event.path("detail").path("resource").path("accessKeyDetails");
    assertThat(key.path("accessKeyId").asText()).isEqualTo(env.accessKeyId());
    assertThat(key.path("userName").asText()).isEqualTo("payments-deployer");
    assertThat(key.path("principalId").asText()).isEqualTo(env.userId());
    assertThat(event.path("account").asText()).isEqualTo(env.accountId());
    assertThat(finding.attackerActivity()).allSatisfy(e -> assertThat(e.accessKeyId()).isEqualTo(env.accessKeyId()));
  }
}
