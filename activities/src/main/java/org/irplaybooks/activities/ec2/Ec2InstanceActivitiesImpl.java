package org.irplaybooks.activities.ec2;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.workflows.ports.Ec2InstanceActivities;
import org.irplaybooks.workflows.ports.FailureType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataProtocolState;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataTagsState;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/** {@link Ec2InstanceActivities} on EC2. */
public final class Ec2InstanceActivitiesImpl implements Ec2InstanceActivities {
  private static final Logger log = LoggerFactory.getLogger(Ec2InstanceActivitiesImpl.class);
  private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
  private static final Set<InstanceStateName> GONE = Set.of(InstanceStateName.TERMINATED, InstanceStateName.SHUTTING_DOWN);

  private final AwsClientFactory clients;
  private final AwsErrorTranslator errors;

  public Ec2InstanceActivitiesImpl(AwsClientFactory clients, AwsErrorTranslator errors) {
    this.clients = clients;
    this.errors = errors;
  }

  @Override
  public List<String> findInstancesByProfile(InstancesByProfileRequest request) {
    validateAccount(request.accountId());
    validateRegion(request.region());
    if (request.instanceProfileArns() == null || request.instanceProfileArns().isEmpty()) return List.of();
    Set<String> profiles = Set.copyOf(request.instanceProfileArns());
    Ec2Client ec2 = clients.ec2(request.accountId(), request.region());
    // Filtered here rather than by the iam-instance-profile.arn filter, which not every endpoint honours.
    return errors.call("finding instances with instance profiles " + profiles, () -> {
      List<String> ids = new ArrayList<>();
      ec2.describeInstancesPaginator(b -> b.maxResults(1000)).reservations().forEach(reservation -> {
        for (Instance i : reservation.instances()) {
          if (i.iamInstanceProfile() == null || !profiles.contains(i.iamInstanceProfile().arn())) continue;
          if (i.state() != null && GONE.contains(i.state().name())) continue;
          ids.add(i.instanceId());
        }
      });
      return List.copyOf(ids);
    });
  }

  @Override
  public MetadataOptions describeMetadataOptions(InstanceRef instance) {
    validateAccount(instance.accountId());
    validateRegion(instance.region());
    String id = validateInstanceId(instance.instanceId());
    return errors.call("describing the metadata options of instance " + id,
        () -> read(clients.ec2(instance.accountId(), instance.region()), id));
  }

  @Override
  public MetadataOptions setMetadataOptions(SetMetadataOptionsRequest request) {
    validateAccount(request.accountId());
    validateRegion(request.region());
    MetadataOptions wanted = request.options();
    if (wanted == null) throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "no metadata options given");
    String id = validateInstanceId(wanted.instanceId());
    HttpTokensState tokens = HttpTokensState.fromValue(wanted.httpTokens());
    InstanceMetadataEndpointState endpoint = InstanceMetadataEndpointState.fromValue(wanted.httpEndpoint());
    InstanceMetadataProtocolState ipv6 = wanted.httpProtocolIpv6() == null ? null
        : InstanceMetadataProtocolState.fromValue(wanted.httpProtocolIpv6());
    InstanceMetadataTagsState tags = wanted.instanceMetadataTags() == null ? null
        : InstanceMetadataTagsState.fromValue(wanted.instanceMetadataTags());
    if (tokens == null || tokens == HttpTokensState.UNKNOWN_TO_SDK_VERSION
        || ipv6 == InstanceMetadataProtocolState.UNKNOWN_TO_SDK_VERSION
        || tags == InstanceMetadataTagsState.UNKNOWN_TO_SDK_VERSION
        || endpoint == null || endpoint == InstanceMetadataEndpointState.UNKNOWN_TO_SDK_VERSION
        || wanted.httpPutResponseHopLimit() < 1 || wanted.httpPutResponseHopLimit() > 64) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "invalid metadata options " + wanted);
    }
    Ec2Client ec2 = clients.ec2(request.accountId(), request.region());
    return errors.call("setting the metadata options of instance " + id, () -> {
      MetadataOptions previous = read(ec2, id);
      if (previous.httpTokens().equals(wanted.httpTokens()) && previous.httpEndpoint().equals(wanted.httpEndpoint())
          && previous.httpPutResponseHopLimit() == wanted.httpPutResponseHopLimit()
          && (ipv6 == null || ipv6.toString().equals(previous.httpProtocolIpv6()))
          && (tags == null || tags.toString().equals(previous.instanceMetadataTags()))) {
        log.info("instance {} already has metadata options {}", id, wanted);
        return previous;
      }
      // Every option is written, not only the tokens: an endpoint that resets what it is not given
      // (moto does) then keeps the rest, and a restore is exact.
      ec2.modifyInstanceMetadataOptions(b -> b.instanceId(id).httpTokens(tokens).httpEndpoint(endpoint)
          .httpPutResponseHopLimit(wanted.httpPutResponseHopLimit()).httpProtocolIpv6(ipv6).instanceMetadataTags(tags));
      log.info("instance {} metadata options {} -> {}", id, previous, wanted);
      return previous;
    });
  }

  private static MetadataOptions read(Ec2Client ec2, String id) {
    Instance instance = ec2.describeInstances(b -> b.instanceIds(id)).reservations().stream()
        .flatMap(r -> r.instances().stream()).findFirst()
        .orElseThrow(() -> AwsErrorTranslator.nonRetryable(FailureType.NOT_FOUND, "no instance " + id));
    InstanceMetadataOptionsResponse o = instance.metadataOptions();
    // An instance without options on record behaves as launched by default: IMDSv1 and v2, hop limit 1.
    String tokens = o == null || o.httpTokensAsString() == null ? "optional" : o.httpTokensAsString();
    String endpoint = o == null || o.httpEndpointAsString() == null ? "enabled" : o.httpEndpointAsString();
    int hops = o == null || o.httpPutResponseHopLimit() == null ? 1 : o.httpPutResponseHopLimit();
    String ipv6 = o == null ? null : o.httpProtocolIpv6AsString();
    String tags = o == null ? null : o.instanceMetadataTagsAsString();
    return new MetadataOptions(id, tokens, endpoint, hops, ipv6, tags);
  }

  private static String validateInstanceId(String id) {
    if (id == null || !INSTANCE_ID.matcher(id).matches()) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "'" + id + "' is not an EC2 instance id");
    }
    return id;
  }

  private static void validateRegion(String region) {
    if (region != null && !REGION.matcher(region).matches()) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "'" + region + "' is not an AWS region");
    }
  }

  private static void validateAccount(String accountId) {
    if (accountId != null && !ACCOUNT_ID.matcher(accountId).matches()) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "'" + accountId + "' is not an AWS account id");
    }
  }
}
