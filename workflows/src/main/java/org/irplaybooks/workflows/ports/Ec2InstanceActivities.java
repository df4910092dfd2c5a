package org.irplaybooks.workflows.ports;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * EC2 instances as the credential playbooks need them: which instances hand out a role's
 * sessions, and their instance metadata service options. Every method is idempotent; each says how.
 */
@ActivityInterface
public interface Ec2InstanceActivities {

  /** @param instanceProfileArns instances running with any of these profiles are answered */
  record InstancesByProfileRequest(String accountId, String region, List<String> instanceProfileArns) {}

  record InstanceRef(String accountId, String region, String instanceId) {}

  /**
   * The instance metadata service options of an instance.
   *
   * @param httpTokens {@code optional} (IMDSv1 allowed) or {@code required} (IMDSv2 only)
   * @param httpEndpoint {@code enabled} or {@code disabled}
   * @param httpPutResponseHopLimit how many network hops the IMDSv2 token may travel
   * @param httpProtocolIpv6 {@code enabled} or {@code disabled}; null: left as it is
   * @param instanceMetadataTags {@code enabled} or {@code disabled}; null: left as it is
   */
  record MetadataOptions(String instanceId, String httpTokens, String httpEndpoint, int httpPutResponseHopLimit,
      String httpProtocolIpv6, String instanceMetadataTags) {}

  record SetMetadataOptionsRequest(String accountId, String region, MetadataOptions options) {}

  /** Instance ids (not terminated) that run with one of the given instance profiles. Read-only. */
  List<String> findInstancesByProfile(InstancesByProfileRequest request);

  /** An instance's metadata options. Read-only. */
  MetadataOptions describeMetadataOptions(InstanceRef instance);

  /**
   * Sets the instance's metadata options to the given ones and answers those it had before. Options
   * the instance already has are not written again, so a retry changes nothing.
   */
  MetadataOptions setMetadataOptions(SetMetadataOptionsRequest request);
}
