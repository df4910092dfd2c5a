package org.irplaybooks.activities.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.irplaybooks.activities.MotoFixture;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.activities.emulator.MotoServer;
import org.irplaybooks.workflows.ports.Ec2InstanceActivities.InstanceRef;
import org.irplaybooks.workflows.ports.Ec2InstanceActivities.InstancesByProfileRequest;
import org.irplaybooks.workflows.ports.Ec2InstanceActivities.MetadataOptions;
import org.irplaybooks.workflows.ports.Ec2InstanceActivities.SetMetadataOptionsRequest;
import org.irplaybooks.workflows.ports.FailureType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.iam.IamClient;

class Ec2InstanceActivitiesImplTest {
  private static final String ACCOUNT = MotoFixture.ACCOUNT;
  private static final String REGION = MotoFixture.REGION;
  private static MotoServer moto;

  private AwsClientFactory clients;
  private Ec2Client ec2;
  private Ec2InstanceActivitiesImpl activities;
  private String profileArn;
  private String withProfile;
  private String withoutProfile;

  @BeforeAll
  static void startMoto() {
    moto = MotoFixture.startMoto(Ec2InstanceActivitiesImplTest.class);
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) moto.close();
  }

  @BeforeEach
  void setUp() {
    moto.reset();
    clients = MotoFixture.clients(MotoFixture.settings(moto).build());
    ec2 = clients.ec2(null, REGION);
    IamClient iam = clients.iam(null);
    activities = new Ec2InstanceActivitiesImpl(clients, new AwsErrorTranslator());
    iam.createRole(b -> b.roleName("web-app-role").assumeRolePolicyDocument(
        MotoFixture.EC2_TRUST));
    profileArn = iam.createInstanceProfile(b -> b.instanceProfileName("web-app")).instanceProfile().arn();
    iam.addRoleToInstanceProfile(b -> b.instanceProfileName("web-app").roleName("web-app-role"));
    String group = ec2.createSecurityGroup(b -> b.groupName("web").description("web")).groupId();
    withProfile = ec2.runInstances(b -> b.imageId("ami-12c6146b").instanceType("t3.micro").minCount(1).maxCount(1)
        .securityGroupIds(group).iamInstanceProfile(p -> p.arn(profileArn))
        .metadataOptions(m -> m.httpTokens(HttpTokensState.OPTIONAL).httpPutResponseHopLimit(2)))
        .instances().get(0).instanceId();
    withoutProfile = ec2.runInstances(b -> b.imageId("ami-12c6146b").instanceType("t3.micro").minCount(1).maxCount(1)
        .securityGroupIds(group)).instances().get(0).instanceId();
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  private InstanceMetadataOptionsResponse stored(String id) {
    return ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0).metadataOptions();
  }

  @Test
  void findInstancesByProfile_answersOnlyInstancesWithThatProfile() {
    List<String> found = activities.findInstancesByProfile(
        new InstancesByProfileRequest(ACCOUNT, REGION, List.of(profileArn)));
    assertThat(found).containsExactly(withProfile);
    assertThat(activities.findInstancesByProfile(new InstancesByProfileRequest(ACCOUNT, REGION, List.of()))).isEmpty();
  }

  @Test
  void findInstancesByProfile_skipsTerminatedInstances() {
    ec2.terminateInstances(b -> b.instanceIds(withProfile));
    assertThat(activities.findInstancesByProfile(new InstancesByProfileRequest(ACCOUNT, REGION, List.of(profileArn))))
        .isEmpty();
  }

  @Test
  void requireImdsV2_answersPreviousOptions_isRepeatable_andRestoresExactly() {
    MetadataOptions before = activities.describeMetadataOptions(new InstanceRef(ACCOUNT, REGION, withProfile));
    assertThat(before.httpTokens()).isEqualTo("optional");
    assertThat(before.httpPutResponseHopLimit()).isEqualTo(2);

    MetadataOptions wanted = new MetadataOptions(withProfile, "required", before.httpEndpoint(), 2,
        before.httpProtocolIpv6(), before.instanceMetadataTags());
    assertThat(activities.setMetadataOptions(new SetMetadataOptionsRequest(ACCOUNT, REGION, wanted))).isEqualTo(before);
    assertThat(stored(withProfile).httpTokensAsString()).isEqualTo("required");
    assertThat(stored(withProfile).httpPutResponseHopLimit()).isEqualTo(2);
    // A retry finds the options already set and answers them as "previous": nothing is written.
    assertThat(activities.setMetadataOptions(new SetMetadataOptionsRequest(ACCOUNT, REGION, wanted))).isEqualTo(wanted);

    activities.setMetadataOptions(new SetMetadataOptionsRequest(ACCOUNT, REGION, before));
    assertThat(activities.describeMetadataOptions(new InstanceRef(ACCOUNT, REGION, withProfile))).isEqualTo(before);
    InstanceMetadataOptionsResponse restored = stored(withProfile);
    assertThat(restored.httpTokensAsString()).isEqualTo("optional");
    assertThat(restored.httpProtocolIpv6AsString()).isEqualTo(before.httpProtocolIpv6());
    assertThat(restored.instanceMetadataTagsAsString()).isEqualTo(before.instanceMetadataTags());
  }

  @Test
  void describeMetadataOptions_ofMissingInstance_isNotFound() {
    Throwable thrown = catchThrowable(() ->
        activities.describeMetadataOptions(new InstanceRef(ACCOUNT, REGION, "i-0123456789abcdef0")));
    assertThat(thrown).isInstanceOf(ApplicationFailure.class);
    assertThat(((ApplicationFailure) thrown).getType()).isEqualTo(FailureType.NOT_FOUND.name());
  }

  @Test
  void setMetadataOptions_withUnknownTokensValue_isValidationError() {
    Throwable thrown = catchThrowable(() -> activities.setMetadataOptions(new SetMetadataOptionsRequest(ACCOUNT, REGION,
        new MetadataOptions(withoutProfile, "sometimes", "enabled", 1, null, null))));
    assertThat(((ApplicationFailure) thrown).getType()).isEqualTo(FailureType.VALIDATION.name());
  }
}
