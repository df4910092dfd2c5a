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

  /** One implementation per playbook of the catalog (a test keeps the two in step). */
  public static List<Class<?>> workflowImplementations() {
    return List.of(AccessKeyCompromiseWorkflowImpl.class, StolenSessionTokenWorkflowImpl.class,
        CrossAccountRoleAbuseWorkflowImpl.class, RootAccountUsageWorkflowImpl.class);
  }

  /** The activities, sharing one client factory, one error translator and one CloudTrail rate limit. */
  public static List<Object> activityImplementations(AwsClientFactory clients) {
    return activityImplementations(clients, WebhookSettings.none());
  }

  /** As {@link #activityImplementations(AwsClientFactory)}, with the webhook notification channels. */
  public static List<Object> activityImplementations(AwsClientFactory clients, WebhookSettings webhooks) {
    AwsErrorTranslator errors = new AwsErrorTranslator();
    java.time.Clock clock = java.time.Clock.systemUTC();
    EvidenceStore evidence = new EvidenceStore(clients, errors, clock);
    // AWS allows two LookupEvents requests per second per account and region.
    RequestRateLimiter cloudTrailLimit = RequestRateLimiter.perSecond(2);
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
    register(worker, clients, WebhookSettings.none());
  }

  public static void register(Worker worker, AwsClientFactory clients, WebhookSettings webhooks) {
    worker.registerWorkflowImplementationTypes(workflowImplementations().toArray(new Class<?>[0]));
    worker.registerActivitiesImplementations(activityImplementations(clients, webhooks).toArray());
  }
}
