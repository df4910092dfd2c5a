package org.irplaybooks.starter.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Seeds a {@code moto_server} with the small AWS account the demo plays in: a compromised IAM user
 * {@code payments-deployer} with a key, a login profile, an inline and a managed policy; a
 * bystander {@code ci-bot}; an evidence bucket with object lock and public access blocked; an SNS
 * notification topic with an SQS queue subscribed, so notifications can be read back. Idempotent:
 * seeding an already seeded moto returns the same environment and creates nothing twice.
 */
public final class DemoEnvironment {
  public static final Region REGION = Region.US_EAST_1;
  public static final String ACCESS_KEY = "testing";
  public static final String SECRET_KEY = "testing";
  public static final String USER = "payments-deployer";
  public static final String BYSTANDER = "ci-bot";
  public static final String INLINE_POLICY = "payments-deploy-inline";
  public static final String MANAGED_POLICY = "payments-deploy-artifacts";
  public static final String BUCKET_PREFIX = "ir-playbooks-evidence-";
  public static final String TOPIC = "ir-playbooks-notifications";
  public static final String QUEUE = "ir-playbooks-notifications-inbox";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Everything the demo and the tests need to know about the seeded account. */
  public record Seeded(
      URI endpoint,
      String region,
      String accountId,
      String userName,
      String userId,
      String userArn,
      String accessKeyId,
      String bystanderUserName,
      String managedPolicyArn,
      String bucket,
      String topicArn,
      String queueUrl,
      String queueArn,
      String subscriptionArn) {}

  private DemoEnvironment() {}

  /** Seeds moto at {@code endpoint} (e.g. {@code MotoServer.endpoint()}). */
  public static Seeded seed(URI endpoint) {
    try (IamClient iam = client(IamClient.builder(), endpoint);
        StsClient sts = client(StsClient.builder(), endpoint);
        S3Client s3 = client(S3Client.builder().forcePathStyle(true), endpoint);
        SnsClient sns = client(SnsClient.builder(), endpoint);
        SqsClient sqs = client(SqsClient.builder(), endpoint)) {
      String account = sts.getCallerIdentity().account();

      // The compromised user.
      createUser(iam, USER, List.of(tag("team", "payments"), tag("owner", "payments-platform@example.com")));
      var user = iam.getUser(r -> r.userName(USER)).user();
      try {
        iam.createLoginProfile(r -> r.userName(USER).password("Demo-Only-Passw0rd!").passwordResetRequired(false));
      } catch (EntityAlreadyExistsException alreadyThere) {
        // seeded before
      }
      iam.putUserPolicy(r -> r.userName(USER).policyName(INLINE_POLICY).policyDocument(inlinePolicy()));
      String managedArn = "arn:aws:iam::" + account + ":policy/" + MANAGED_POLICY;
      try {
        managedArn = iam.createPolicy(r -> r.policyName(MANAGED_POLICY)
            .description("Lets the payments deployer publish build artifacts")
            .policyDocument(managedPolicy())).policy().arn();
      } catch (EntityAlreadyExistsException alreadyThere) {
        // seeded before: the ARN is the account's policy of that name
      }
      String policyArn = managedArn;
      iam.attachUserPolicy(r -> r.userName(USER).policyArn(policyArn));
      String accessKeyId = existingOrNewKey(iam, USER);

      // The bystander, which the playbook must leave alone.
      createUser(iam, BYSTANDER, List.of(tag("team", "platform")));
      existingOrNewKey(iam, BYSTANDER);

      // The evidence bucket: object lock (which turns versioning on), no public access.
      String bucket = BUCKET_PREFIX + account;
      if (!bucketExists(s3, bucket)) {
        s3.createBucket(r -> r.bucket(bucket).objectLockEnabledForBucket(true));
      }
      s3.putPublicAccessBlock(r -> r.bucket(bucket).publicAccessBlockConfiguration(c -> c
          .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
      s3.putBucketTagging(r -> r.bucket(bucket).tagging(t -> t.tagSet(
          software.amazon.awssdk.services.s3.model.Tag.builder().key("purpose").value("ir-evidence").build())));

      // Notifications: SNS topic → SQS queue, read back by the demo and the tests.
      String topicArn = sns.createTopic(r -> r.name(TOPIC)).topicArn();
      String queueUrl = sqs.createQueue(r -> r.queueName(QUEUE)).queueUrl();
      String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
          .attributes().get(QueueAttributeName.QUEUE_ARN);
      sqs.setQueueAttributes(r -> r.queueUrl(queueUrl)
          .attributes(Map.of(QueueAttributeName.POLICY, queuePolicy(queueArn, topicArn))));
      String subscriptionArn = sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions().stream()
          .filter(s -> "sqs".equals(s.protocol()) && queueArn.equals(s.endpoint()))
          .map(s -> s.subscriptionArn())
          .findFirst()
          .orElseGet(() -> sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
              .returnSubscriptionArn(true)).subscriptionArn());

      return new Seeded(endpoint, REGION.id(), account, USER, user.userId(), user.arn(), accessKeyId, BYSTANDER,
          managedArn, bucket, topicArn, queueUrl, queueArn, subscriptionArn);
    }
  }

  /** An SDK client for moto: region us-east-1, static test credentials, endpoint override, deliberate retries. */
  public static <B extends AwsClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
    builder.endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD));
    if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
      sync.httpClientBuilder(UrlConnectionHttpClient.builder());
    }
    return builder.build();
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static void createUser(IamClient iam, String name, List<Tag> tags) {
    try {
      iam.createUser(r -> r.userName(name).tags(tags));
    } catch (EntityAlreadyExistsException alreadyThere) {
      iam.tagUser(r -> r.userName(name).tags(tags));
    }
  }

  /** The user's first access key, or a new one: seeding twice must not add keys. */
  private static String existingOrNewKey(IamClient iam, String user) {
    List<AccessKeyMetadata> keys = iam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata();
    if (!keys.isEmpty()) return keys.get(0).accessKeyId();
    return iam.createAccessKey(r -> r.userName(user)).accessKey().accessKeyId();
  }

  private static boolean bucketExists(S3Client s3, String bucket) {
    try {
      s3.headBucket(r -> r.bucket(bucket));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) return false;
      throw e;
    }
  }

  private static String inlinePolicy() {
    ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
    ArrayNode statements = doc.putArray("Statement");
    ObjectNode deploy = statements.addObject().put("Sid", "DeployPaymentsService").put("Effect", "Allow");
    deploy.putArray("Action").add("ecs:UpdateService").add("ecs:DescribeServices").add("ecr:GetAuthorizationToken");
    deploy.put("Resource", "*");
    ObjectNode read = statements.addObject().put("Sid", "ReadPaymentsConfig").put("Effect", "Allow");
    read.putArray("Action").add("ssm:GetParameter").add("ssm:GetParametersByPath");
    read.put("Resource", "arn:aws:ssm:us-east-1:*:parameter/payments/*");
    return doc.toString();
  }

  private static String managedPolicy() {
    ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
    ObjectNode artifacts = doc.putArray("Statement").addObject().put("Sid", "PublishArtifacts").put("Effect", "Allow");
    artifacts.putArray("Action").add("s3:PutObject").add("s3:GetObject").add("s3:ListBucket");
    artifacts.putArray("Resource").add("arn:aws:s3:::payments-artifacts").add("arn:aws:s3:::payments-artifacts/*");
    return doc.toString();
  }

  private static String queuePolicy(String queueArn, String topicArn) {
    ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
    ObjectNode allow = doc.putArray("Statement").addObject().put("Sid", "AllowNotificationTopic").put("Effect", "Allow");
    allow.putObject("Principal").put("Service", "sns.amazonaws.com");
    allow.put("Action", "sqs:SendMessage").put("Resource", queueArn);
    allow.putObject("Condition").putObject("ArnEquals").put("aws:SourceArn", topicArn);
    return doc.toString();
  }
}
