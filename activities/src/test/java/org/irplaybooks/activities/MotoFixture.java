package org.irplaybooks.activities;

import java.nio.file.Files;
import java.nio.file.Path;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsSettings;
import org.irplaybooks.activities.emulator.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** What the activity tests share: a moto_server per test class, fake keys, settings pointing at it. */
public final class MotoFixture {
  public static final String REGION = "us-east-1";
  public static final String ACCOUNT = "123456789012";
  public static final AwsCredentialsProvider FAKE_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  /** A trust policy that lets EC2 instances assume a role (instance profiles). */
  public static final String EC2_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  private MotoFixture() {}

  /** Starts moto_server, logging to target/moto-{testClass}.log. */
  public static MotoServer startMoto(Class<?> testClass) {
    try {
      Path dir = Path.of("target");
      Files.createDirectories(dir);
      return MotoServer.start(dir.resolve("moto-" + testClass.getSimpleName() + ".log"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Settings for moto: every service at its endpoint, the home account being moto's default. */
  public static AwsSettings.Builder settings(MotoServer moto) {
    return AwsSettings.builder(REGION).endpointOverride(moto.endpoint()).homeAccountId(ACCOUNT)
        .evidenceBucket("ir-evidence");
  }

  public static AwsClientFactory clients(AwsSettings settings) {
    return new AwsClientFactory(settings, FAKE_CREDENTIALS);
  }
}
