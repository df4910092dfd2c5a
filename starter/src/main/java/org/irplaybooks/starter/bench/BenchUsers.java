package org.irplaybooks.starter.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.irplaybooks.starter.devstack.DemoEnvironment;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.User;

/**
 * IAM users for the benchmark, each shaped like the demo's compromised user (an active key, a
 * console password, an inline policy) so that every incident does the same containment work. They
 * are created directly in the emulator, not through the latency proxy.
 */
final class BenchUsers {
  /** One seeded user: what a finding about its key needs. */
  record BenchUser(String userName, String userId, String accessKeyId) {}

  private static final String INLINE_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bench-artifacts/*\"}]}";

  private final IamClient iam;
  private final String runId;
  private int next;

  BenchUsers(URI endpoint, String runId) {
    this.iam = DemoEnvironment.client(IamClient.builder(), endpoint);
    this.runId = runId;
  }

  /** Creates {@code count} users with a few threads (the emulator serves calls one at a time). */
  List<BenchUser> create(int count, String purpose) {
    List<String> names = new ArrayList<>();
    synchronized (this) {
      for (int i = 0; i < count; i++) names.add("bench-" + runId + "-" + purpose + "-" + (next++));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<BenchUser>> futures = new ArrayList<>();
      for (String name : names) futures.add(pool.submit(() -> createOne(name)));
      List<BenchUser> users = new ArrayList<>();
      for (Future<BenchUser> f : futures) users.add(f.get());
      return users;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while seeding users", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("seeding benchmark users failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  BenchUser createOne(String name) {
    User user = iam.createUser(r -> r.userName(name)).user();
    String key = iam.createAccessKey(r -> r.userName(name)).accessKey().accessKeyId();
    iam.createLoginProfile(r -> r.userName(name).password("Bench-Only-Passw0rd!").passwordResetRequired(false));
    iam.putUserPolicy(r -> r.userName(name).policyName("bench-inline").policyDocument(INLINE_POLICY));
    return new BenchUser(name, user.userId(), key);
  }

  void close() {
    iam.close();
  }
}
