package org.irplaybooks.activities.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.irplaybooks.activities.MotoFixture;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.activities.emulator.MotoServer;
import org.irplaybooks.workflows.policy.IamPolicyDocuments;
import org.irplaybooks.workflows.ports.FailureType;
import org.irplaybooks.workflows.ports.IamRoleActivities.DeleteRolePolicyRequest;
import org.irplaybooks.workflows.ports.IamRoleActivities.PutRolePolicyRequest;
import org.irplaybooks.workflows.ports.IamRoleActivities.RoleRef;
import org.irplaybooks.workflows.ports.IamRoleActivities.RoleState;
import org.irplaybooks.workflows.ports.IamRoleActivities.TagRoleRequest;
import org.irplaybooks.workflows.ports.IamRoleActivities.UntagRoleRequest;
import org.irplaybooks.workflows.ports.IamRoleActivities.UpdateTrustPolicyRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

class IamRoleActivitiesImplTest {
  private static final String ACCOUNT = MotoFixture.ACCOUNT;
  private static final String ROLE = "web-app-role";
  private static final String EC2_TRUST = MotoFixture.EC2_TRUST;
  private static final String CROSS_ACCOUNT_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"arn:aws:iam::444455556666:root\"]},"
      + "\"Action\":\"sts:AssumeRole\"}]}";
  private static MotoServer moto;

  private final ObjectMapper json = new ObjectMapper();
  private AwsClientFactory clients;
  private IamClient iam;
  private IamRoleActivitiesImpl activities;

  @BeforeAll
  static void startMoto() {
    moto = MotoFixture.startMoto(IamRoleActivitiesImplTest.class);
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) moto.close();
  }

  @BeforeEach
  void setUp() {
    moto.reset();
    clients = MotoFixture.clients(MotoFixture.settings(moto).build());
    iam = clients.iam(null);
    activities = new IamRoleActivitiesImpl(clients, new AwsErrorTranslator());
    iam.createRole(b -> b.roleName(ROLE).assumeRolePolicyDocument(EC2_TRUST).maxSessionDuration(7200));
    String readOnly = iam.createPolicy(b -> b.policyName("web-read").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"))
        .policy().arn();
    iam.attachRolePolicy(b -> b.roleName(ROLE).policyArn(readOnly));
    iam.createInstanceProfile(b -> b.instanceProfileName("web-app"));
    iam.addRoleToInstanceProfile(b -> b.instanceProfileName("web-app").roleName(ROLE));
    iam.tagRole(b -> b.roleName(ROLE).tags(t -> t.key("app").value("web")));
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  private static ApplicationFailure failure(Throwable thrown) {
    assertThat(thrown).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) thrown;
  }

  private String storedTrust() {
    String doc = iam.getRole(b -> b.roleName(ROLE)).role().assumeRolePolicyDocument();
    return doc.startsWith("{") ? doc : URLDecoder.decode(doc, StandardCharsets.UTF_8);
  }

  @Test
  void describeRole_answersTrustPolicy_maxSession_policies_profiles_andTags() throws Exception {
    RoleState state = activities.describeRole(new RoleRef(ACCOUNT, ROLE));

    assertThat(state.roleArn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/" + ROLE);
    assertThat(json.readTree(state.trustPolicy())).isEqualTo(json.readTree(EC2_TRUST));
    assertThat(state.maxSessionDurationSeconds()).isEqualTo(7200);
    assertThat(state.attachedPolicyArns()).containsExactly("arn:aws:iam::" + ACCOUNT + ":policy/web-read");
    assertThat(state.instanceProfileArns()).containsExactly("arn:aws:iam::" + ACCOUNT + ":instance-profile/web-app");
    assertThat(state.tags()).containsEntry("app", "web");
  }

  @Test
  void describeRole_whenRoleMissing_isNotFound() {
    ApplicationFailure f = failure(catchThrowable(() -> activities.describeRole(new RoleRef(ACCOUNT, "nobody")))); 
    assertThat(f.getType()).isEqualTo(FailureType.NOT_FOUND.name());
    assertThat(f.isNonRetryable()).isTrue();
  }

  @Test
  void putRolePolicy_twice_leavesOnePolicy_andDeleteTwice_isCalm() {
    String name = "ir-playbooks-revoke-sessions-IR-0123456789AB";
    String doc = IamPolicyDocuments.denySessionsIssuedBefore(java.time.Instant.parse("2026-11-20T10:00:00Z"));
    activities.putRolePolicy(new PutRolePolicyRequest(ACCOUNT, ROLE, name, doc));
    activities.putRolePolicy(new PutRolePolicyRequest(ACCOUNT, ROLE, name, doc));

    assertThat(iam.listRolePolicies(b -> b.roleName(ROLE)).policyNames()).containsExactly(name);
    String stored = iam.getRolePolicy(b -> b.roleName(ROLE).policyName(name)).policyDocument();
    assertThat(URLDecoder.decode(stored, StandardCharsets.UTF_8)).contains("aws:TokenIssueTime").contains("2026-11-20T10:00:00Z");

    activities.deleteRolePolicy(new DeleteRolePolicyRequest(ACCOUNT, ROLE, name));
    activities.deleteRolePolicy(new DeleteRolePolicyRequest(ACCOUNT, ROLE, name));
    assertThat(iam.listRolePolicies(b -> b.roleName(ROLE)).policyNames()).isEmpty();
  }

  @Test
  void deleteRolePolicy_whenRoleMissing_isNotFound() {
    ApplicationFailure f = failure(catchThrowable(() ->
        activities.deleteRolePolicy(new DeleteRolePolicyRequest(ACCOUNT, "nobody", "p"))));
    assertThat(f.getType()).isEqualTo(FailureType.NOT_FOUND.name());
  }

  @Test
  void putRolePolicy_withoutJsonDocument_isValidationError() {
    ApplicationFailure f = failure(catchThrowable(() ->
        activities.putRolePolicy(new PutRolePolicyRequest(ACCOUNT, ROLE, "p", "not json"))));
    assertThat(f.getType()).isEqualTo(FailureType.VALIDATION.name());
  }

  @Test
  void updateTrustPolicy_answersThePrevious_andRestoringIt_isExact() throws Exception {
    iam.updateAssumeRolePolicy(b -> b.roleName(ROLE).policyDocument(CROSS_ACCOUNT_TRUST));
    String narrowed = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:root\"]},\"Action\":\"sts:AssumeRole\"}]}";

    String previous = activities.updateTrustPolicy(new UpdateTrustPolicyRequest(ACCOUNT, ROLE, narrowed));
    assertThat(json.readTree(previous)).isEqualTo(json.readTree(CROSS_ACCOUNT_TRUST));
    assertThat(json.readTree(storedTrust())).isEqualTo(json.readTree(narrowed));

    // The same document again is answered without a write; then the saved one goes back.
    assertThat(json.readTree(activities.updateTrustPolicy(new UpdateTrustPolicyRequest(ACCOUNT, ROLE, narrowed))))
        .isEqualTo(json.readTree(narrowed));
    activities.updateTrustPolicy(new UpdateTrustPolicyRequest(ACCOUNT, ROLE, previous));
    assertThat(json.readTree(storedTrust())).isEqualTo(json.readTree(CROSS_ACCOUNT_TRUST));
  }

  @Test
  void tagRole_andUntagRole_areRepeatable() {
    Map<String, String> tags = Map.of("ir-playbooks:case-id", "IR-0123456789AB", "ir-playbooks:status", "contained");
    activities.tagRole(new TagRoleRequest(ACCOUNT, ROLE, tags));
    activities.tagRole(new TagRoleRequest(ACCOUNT, ROLE, tags));
    assertThat(iam.listRoleTags(b -> b.roleName(ROLE)).tags()).hasSize(3);

    List<String> keys = List.of("ir-playbooks:case-id", "ir-playbooks:status");
    activities.untagRole(new UntagRoleRequest(ACCOUNT, ROLE, keys));
    activities.untagRole(new UntagRoleRequest(ACCOUNT, ROLE, keys));
    assertThat(iam.listRoleTags(b -> b.roleName(ROLE)).tags()).extracting(t -> t.key()).containsExactly("app");
  }

  @Test
  void invalidRoleName_isRefusedBeforeAnyCall() {
    ApplicationFailure f = failure(catchThrowable(() -> activities.describeRole(new RoleRef(ACCOUNT, "bad/name"))));
    assertThat(f.getType()).isEqualTo(FailureType.VALIDATION.name());
  }
}
