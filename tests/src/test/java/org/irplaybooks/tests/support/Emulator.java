package org.irplaybooks.tests.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.irplaybooks.starter.devstack.DemoEnvironment;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Reads the emulator's state directly, the way an auditor would check what the playbook did. */
public final class Emulator implements AutoCloseable {
  public final IamClient iam;
  public final S3Client s3;
  public final SqsClient sqs;

  public Emulator(URI endpoint) {
    iam = DemoEnvironment.client(IamClient.builder(), endpoint);
    s3 = DemoEnvironment.client(S3Client.builder().forcePathStyle(true), endpoint);
    sqs = DemoEnvironment.client(SqsClient.builder(), endpoint);
  }

  /** SHA-256 (hex) of the object at {@code s3://bucket/key}. */
  public String sha256Of(String location) throws Exception {
    URI uri = URI.create(location);
    String bucket = uri.getHost();
    String key = uri.getPath().substring(1);
    byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** Every message the notification topic delivered to the demo queue so far (drains the queue). */
  public List<String> drainMessages(String queueUrl) {
    List<String> bodies = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
          .messages();
      if (batch.isEmpty()) break;
      for (Message m : batch) {
        bodies.add(m.body());
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
    return bodies;
  }

  public static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    iam.close();
    s3.close();
    sqs.close();
  }
}
