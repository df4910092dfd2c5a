package org.irplaybooks.worker;

import io.temporal.worker.Worker;
import java.util.List;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.activities.cloudtrail.CloudTrailActivitiesImpl;
import org.irplaybooks.activities.cloudtrail.RequestRateLimiter;
import org.irplaybooks.activities.evidence.EvidenceActivitiesImpl;
import org.irplaybooks.activities.evidence.EvidenceStore;
import org.irplaybooks.activities.iam.IamCredentialActivitiesImpl;
import org.irplaybooks.activities.notify.NotificationActivitiesImpl;
import org.irplaybooks.workflows.credentials.accesskey.AccessKeyCompromiseWorkflowImpl;

/** What a worker runs: every playbook's workflow and every activity implementation. */
public final class PlaybookRegistry {

  private PlaybookRegistry() {}

  /** One implementation per playbook of the catalog (a test keeps the two in step). */
  public static List<Class<?>> workflowImplementations() {
    return List.of(AccessKeyCompromiseWorkflowImpl.class);
  }

  /** The activities, sharing one client factory, one error translator and one CloudTrail rate limit. */
  public static List<Object> activityImplementations(AwsClientFactory clients) {
    return activityImplementations(clients, 2);
  }

  /** As {@link #activityImplementations(AwsClientFactory)} with the CloudTrail lookup rate per account and region. */
  public static List<Object> activityImplementations(AwsClientFactory clients, int cloudTrailLookupsPerSecond) {
    AwsErrorTranslator errors = new AwsErrorTranslator();
    java.time.Clock clock = java.time.Clock.systemUTC();
    EvidenceStore evidence = new EvidenceStore(clients, errors, clock);
    // AWS allows two LookupEvents requests per second per account and region.
    RequestRateLimiter cloudTrailLimit = RequestRateLimiter.perSecond(cloudTrailLookupsPerSecond);
    return List.of(
        new IamCredentialActivitiesImpl(clients, errors),
        new EvidenceActivitiesImpl(evidence),
        new CloudTrailActivitiesImpl(clients, errors, evidence, cloudTrailLimit),
        new NotificationActivitiesImpl(clients, errors, clock));
  }

  public static void register(Worker worker, AwsClientFactory clients) {
    register(worker, clients, 2);
  }

  public static void register(Worker worker, AwsClientFactory clients, int cloudTrailLookupsPerSecond) {
    worker.registerWorkflowImplementationTypes(workflowImplementations().toArray(new Class<?>[0]));
    worker.registerActivitiesImplementations(activityImplementations(clients, cloudTrailLookupsPerSecond).toArray());
  }
}
