package org.irplaybooks.worker;

import io.temporal.worker.Worker;
import java.util.List;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.activities.cloudtrail.CloudTrailActivitiesImpl;
import org.irplaybooks.activities.cloudtrail.RequestRateLimiter;
import org.irplaybooks.activities.evidence.EvidenceActivitiesImpl;
import org.irplaybooks.activities.evidence.EvidenceStore;
import org.irplaybooks.activities.ec2.Ec2InstanceActivitiesImpl;
import org.irplaybooks.activities.iam.AccountActivitiesImpl;
import org.irplaybooks.activities.iam.IamCredentialActivitiesImpl;
import org.irplaybooks.activities.iam.IamRoleActivitiesImpl;
import org.irplaybooks.activities.notify.NotificationActivitiesImpl;
import org.irplaybooks.activities.notify.WebhookSettings;
import org.irplaybooks.workflows.credentials.accesskey.AccessKeyCompromiseWorkflowImpl;
import org.irplaybooks.workflows.credentials.crossaccount.CrossAccountRoleAbuseWorkflowImpl;
import org.irplaybooks.workflows.credentials.root.RootAccountUsageWorkflowImpl;
import org.irplaybooks.workflows.credentials.sessiontoken.StolenSessionTokenWorkflowImpl;

/** What a worker runs: every playbook's workflow and every activity implementation. */
public final class PlaybookRegistry {

  private PlaybookRegistry() {}

  /** AWS allows two LookupEvents requests per second per account and region. */
  public static final int DEFAULT_CLOUDTRAIL_LOOKUPS_PER_SECOND = 2;

  /** One implementation per playbook of the catalog (a test keeps the two in step). */
  public static List<Class<?>> workflowImplementations() {
    return List.of(AccessKeyCompromiseWorkflowImpl.class, StolenSessionTokenWorkflowImpl.class,
        CrossAccountRoleAbuseWorkflowImpl.class, RootAccountUsageWorkflowImpl.class);
  }

  /** The activities, sharing one client factory, one error translator and one CloudTrail rate limit. */
  public static List<Object> activityImplementations(AwsClientFactory clients) {
    return activityImplementations(clients, WebhookSettings.none(), DEFAULT_CLOUDTRAIL_LOOKUPS_PER_SECOND);
  }

  /**
   * As {@link #activityImplementations(AwsClientFactory)}, with the webhook notification channels
   * and the CloudTrail lookup rate per account and region.
   */
  public static List<Object> activityImplementations(AwsClientFactory clients, WebhookSettings webhooks,
      int cloudTrailLookupsPerSecond) {
    AwsErrorTranslator errors = new AwsErrorTranslator();
    java.time.Clock clock = java.time.Clock.systemUTC();
    EvidenceStore evidence = new EvidenceStore(clients, errors, clock);
    RequestRateLimiter cloudTrailLimit = RequestRateLimiter.perSecond(cloudTrailLookupsPerSecond);
    return List.of(
        new IamCredentialActivitiesImpl(clients, errors),
        new IamRoleActivitiesImpl(clients, errors),
        new Ec2InstanceActivitiesImpl(clients, errors),
        new AccountActivitiesImpl(clients, errors),
        new EvidenceActivitiesImpl(evidence),
        new CloudTrailActivitiesImpl(clients, errors, evidence, cloudTrailLimit),
        new NotificationActivitiesImpl(clients, errors, clock, webhooks));
  }

  public static void register(Worker worker, AwsClientFactory clients) {
    register(worker, clients, WebhookSettings.none(), DEFAULT_CLOUDTRAIL_LOOKUPS_PER_SECOND);
  }

  public static void register(Worker worker, AwsClientFactory clients, WebhookSettings webhooks,
      int cloudTrailLookupsPerSecond) {
    worker.registerWorkflowImplementationTypes(workflowImplementations().toArray(new Class<?>[0]));
    worker.registerActivitiesImplementations(
        activityImplementations(clients, webhooks, cloudTrailLookupsPerSecond).toArray());
  }
}
