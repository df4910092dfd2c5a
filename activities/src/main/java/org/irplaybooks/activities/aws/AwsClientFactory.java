package org.irplaybooks.activities.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The one place AWS clients are built. Clients are cached per service, account and region and
 * shared by every activity of the worker; each has short call timeouts and at most two SDK
 * attempts, because Temporal owns the long retries.
 */
public final class AwsClientFactory implements AutoCloseable {
  public static final String IAM = "iam";
  public static final String S3 = "s3";
  public static final String STS = "sts";
  public static final String SNS = "sns";
  public static final String SECRETS_MANAGER = "secretsmanager";
  public static final String CLOUDTRAIL = "cloudtrail";
  public static final String EC2 = "ec2";

  /** The role session name responders show in the target account's CloudTrail. */
  public static final String ROLE_SESSION_NAME = "ir-playbooks";
  /** SDK attempts per call: one retry for a dropped connection; Temporal retries the rest. */
  public static final int SDK_MAX_ATTEMPTS = 2;

  private static final Logger log = LoggerFactory.getLogger(AwsClientFactory.class);

  private final AwsSettings settings;
  private final AwsCredentialsProvider baseCredentials;
  private final boolean ownsBaseCredentials;
  private final SdkHttpClient httpClient;
  private final Map<String, SdkAutoCloseable> clients = new HashMap<>();
  private final Map<String, StsAssumeRoleCredentialsProvider> roleCredentials = new HashMap<>();

  /** Clients with the default credential chain (environment, profile, container, instance role). */
  public AwsClientFactory(AwsSettings settings) {
    this(settings, DefaultCredentialsProvider.builder().build(), true);
  }

  /** Clients with the given base credentials (e.g. static fake keys for a local emulator). */
  public AwsClientFactory(AwsSettings settings, AwsCredentialsProvider baseCredentials) {
    this(settings, baseCredentials, false);
  }

  private AwsClientFactory(AwsSettings settings, AwsCredentialsProvider baseCredentials, boolean owns) {
    this.settings = settings;
    this.baseCredentials = baseCredentials;
    this.ownsBaseCredentials = owns;
    this.httpClient = UrlConnectionHttpClient.builder().build();
  }

  public AwsSettings settings() {
    return settings;
  }

  /** IAM in an account (null: the home account). */
  public IamClient iam(String accountId) {
    return client(IAM, accountId, iamRegion(), IamClient::builder);
  }

  /** S3 of the home account, path-style so that any local endpoint works. */
  public S3Client s3() {
    return client(S3, null, Region.of(settings.region()),
        () -> S3Client.builder().forcePathStyle(true));
  }

  /** Secrets Manager of the home account, where issued credentials are kept. */
  public SecretsManagerClient secretsManager() {
    return client(SECRETS_MANAGER, null, Region.of(settings.region()), SecretsManagerClient::builder);
  }

  /** SNS of the home account in the given region (a topic's region is in its ARN). */
  public SnsClient sns(String region) {
    return client(SNS, null, Region.of(region == null ? settings.region() : region), SnsClient::builder);
  }

  /** CloudTrail of an account (null: home) in a region (null: the configured one). */
  public CloudTrailClient cloudTrail(String accountId, String region) {
    return client(CLOUDTRAIL, accountId, Region.of(region == null ? settings.region() : region),
        CloudTrailClient::builder);
  }

  /** EC2 of an account (null: home) in a region (null: the configured one). */
  public Ec2Client ec2(String accountId, String region) {
    return client(EC2, accountId, Region.of(region == null ? settings.region() : region), Ec2Client::builder);
  }

  /** The home account's STS, with the base credentials. */
  public StsClient sts() {
    return client(STS, null, Region.of(settings.region()), StsClient::builder);
  }

  /**
   * Builds the home account's clients and asks STS who the worker is. Run once at worker start:
   * a responder that cannot reach AWS should say so before the first incident, and the first
   * containment should not pay for loading the SDK (measured: ~2.8 s of the first incident's
   * time to contain on a cold worker).
   *
   * @return the ARN of the identity the worker acts as
   */
  public String warmUp() {
    iam(null);
    s3();
    secretsManager();
    sns(null);
    cloudTrail(null, null);
    return sts().getCallerIdentity().arn();
  }

  /** The key under which clients are cached: one client per service, account and region. */
  private <C extends SdkAutoCloseable, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(
      String service, String accountId, Region region, Supplier<B> builder) {
    String account = settings.assumesRoleIn(accountId) ? accountId : "home";
    String key = service + "|" + account + "|" + region.id();
    // A plain map under the monitor rather than computeIfAbsent: building a client in another
    // account builds the STS client first, which would be a recursive update of the same map.
    synchronized (clients) {
      @SuppressWarnings("unchecked")
      C client = (C) clients.get(key);
      if (client == null) {
        client = build(service, accountId, region, builder.get());
        clients.put(key, client);
      }
      return client;
    }
  }

  private <C extends SdkAutoCloseable, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C build(
      String service, String accountId, Region region, B builder) {
    URI endpoint = settings.endpointFor(service);
    if (endpoint != null) builder.endpointOverride(endpoint);
    builder.region(region);
    builder.credentialsProvider(credentialsFor(accountId));
    builder.overrideConfiguration(overrides());
    builder.httpClient(httpClient);
    log.debug("AWS client {} for account {} in {} at {}", service,
        settings.assumesRoleIn(accountId) ? accountId : "home", region.id(), endpoint == null ? "AWS" : endpoint);
    return builder.build();
  }

  private ClientOverrideConfiguration overrides() {
    return ClientOverrideConfiguration.builder()
        .apiCallTimeout(settings.apiCallTimeout())
        .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
        .retryStrategy(b -> b.maxAttempts(SDK_MAX_ATTEMPTS))
        .build();
  }

  private AwsCredentialsProvider credentialsFor(String accountId) {
    if (!settings.assumesRoleIn(accountId)) return baseCredentials;
    synchronized (clients) {
      StsAssumeRoleCredentialsProvider provider = roleCredentials.get(accountId);
      if (provider == null) {
        provider = assumeRoleProvider(accountId);
        roleCredentials.put(accountId, provider);
      }
      return provider;
    }
  }

  private StsAssumeRoleCredentialsProvider assumeRoleProvider(String accountId) {
    String roleArn = "arn:aws:iam::" + accountId + ":role/" + settings.responderRoleName();
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts())
        .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(ROLE_SESSION_NAME))
        .build();
  }

  /** IAM is global: AWS signs it for aws-global, a local endpoint takes the configured region. */
  private Region iamRegion() {
    return settings.endpointFor(IAM) != null ? Region.of(settings.region()) : Region.AWS_GLOBAL;
  }

  @Override
  public void close() {
    List<AutoCloseable> all = new ArrayList<>();
    synchronized (clients) {
      all.addAll(roleCredentials.values());
      all.addAll(clients.values());
      roleCredentials.clear();
      clients.clear();
    }
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("closing an AWS client failed", e);
      }
    }
    httpClient.close();
    if (ownsBaseCredentials && baseCredentials instanceof SdkAutoCloseable closeable) closeable.close();
  }
}
