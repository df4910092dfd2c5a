package org.irplaybooks.activities.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.irplaybooks.activities.MotoFixture;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.activities.emulator.MotoServer;
import org.irplaybooks.workflows.ports.FailureType;
import org.irplaybooks.workflows.ports.IamCredentialActivities.AccessKeyRef;
import org.irplaybooks.workflows.ports.IamCredentialActivities.DeleteUserPolicyRequest;
import org.irplaybooks.workflows.ports.IamCredentialActivities.IssueCredentialRequest;
import org.irplaybooks.workflows.ports.IamCredentialActivities.IssuedCredential;
import org.irplaybooks.workflows.ports.IamCredentialActivities.KeyStatusRequest;
import org.irplaybooks.workflows.ports.IamCredentialActivities.PutUserPolicyRequest;
import org.irplaybooks.workflows.ports.IamCredentialActivities.TagUserRequest;
import org.irplaybooks.workflows.ports.IamCredentialActivities.UntagUserRequest;
import org.irplaybooks.workflows.ports.IamCredentialActivities.UserCredentialState;
import org.irplaybooks.workflows.ports.IamCredentialActivities.UserRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class IamCredentialActivitiesImplTest {
  private static final String ACCOUNT = MotoFixture.ACCOUNT;
  private static final String USER = "alice";
  private static final String CASE = "IR-0123456789AB";
  private static final String DENY_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
  private static MotoServer moto;

  private final ObjectMapper json = new ObjectMapper();
  private AwsClientFactory clients;
  private IamClient iam;
  private SecretsManagerClient secrets;
  private IamCredentialActivitiesImpl activities;
  private String originalKey;

  @BeforeAll
  static void startMoto() {
    moto = MotoFixture.startMoto(IamCredentialActivitiesImplTest.class);
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
    secrets = clients.secretsManager();
    activities = new IamCredentialActivitiesImpl(clients, new AwsErrorTranslator());
    iam.createUser(b -> b.userName(USER));
    originalKey = iam.createAccessKey(b -> b.userName(USER)).accessKey().accessKeyId();
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  private static ApplicationFailure failure(Throwable thrown) {
    assertThat(thrown).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) thrown;
  }

  private List<AccessKeyMetadata> keys() {
    return iam.listAccessKeys(b -> b.userName(USER)).accessKeyMetadata();
  }

  /** IAM dates have whole seconds: wait for the next second so that setUp's key is "before". */
  private static Instant nextSecond() throws InterruptedException {
    Instant now = Instant.now();
    Thread.sleep(1000 - now.getNano() / 1_000_000 + 20);
    return Instant.now();
  }

  @Test
  void describeUserCredentials_reportsKeysPoliciesGroupsLoginProfileMfaAndTags() {
    iam.putUserPolicy(b -> b.userName(USER).policyName("inline-1").policyDocument(DENY_ALL));
    String managed = iam.createPolicy(b -> b.policyName("managed-1").policyDocument(DENY_ALL)).policy().arn();
    iam.attachUserPolicy(b -> b.userName(USER).policyArn(managed));
    iam.createGroup(b -> b.groupName("developers"));
    iam.addUserToGroup(b -> b.groupName("developers").userName(USER));
    iam.createLoginProfile(b -> b.userName(USER).password("Initial-Passw0rd!"));
    String mfa = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("alice-mfa")).virtualMFADevice().serialNumber();
    iam.enableMFADevice(b -> b.userName(USER).serialNumber(mfa).authenticationCode1("123456").authenticationCode2("654321"));
    iam.tagUser(b -> b.userName(USER).tags(t -> t.key("team").value("payments")));

    UserCredentialState state = activities.describeUserCredentials(new UserRef(ACCOUNT, USER));

    assertThat(state.userName()).isEqualTo(USER);
    assertThat(state.userArn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/alice");
    assertThat(state.accessKeys()).singleElement().satisfies(k -> {
      assertThat(k.accessKeyId()).isEqualTo(originalKey);
      assertThat(k.status()).isEqualTo("Active");
      assertThat(k.createdAt()).isNotNull();
    });
    assertThat(state.keyStatus(originalKey)).isEqualTo("Active");
    assertThat(state.inlinePolicies()).containsExactly("inline-1");
    assertThat(state.attachedPolicyArns()).containsExactly(managed);
    assertThat(state.groups()).containsExactly("developers");
    assertThat(state.loginProfile()).isTrue();
    assertThat(state.loginProfileCreatedAt()).isNotNull();
    assertThat(state.mfaDevices()).containsExactly(mfa);
    assertThat(state.tags()).containsEntry("team", "payments");
  }

  @Test
  void describeUserCredentials_withoutLoginProfile_reportsNone() {
    UserCredentialState state = activities.describeUserCredentials(new UserRef(ACCOUNT, USER));
    assertThat(state.loginProfile()).isFalse();
    assertThat(state.loginProfileCreatedAt()).isNull();
    assertThat(state.mfaDevices()).isEmpty();
  }

  @Test
  void describeUserCredentials_whenUserMissing_failsNotFound() {
    ApplicationFailure failure = failure(catchThrowable(() -> activities.describeUserCredentials(new UserRef(ACCOUNT, "ghost"))));
    assertThat(failure.getType()).isEqualTo(FailureType.NOT_FOUND.name());
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void findAccessKeyOwner_answersTheUser() {
    assertThat(activities.findAccessKeyOwner(new AccessKeyRef(ACCOUNT, null, originalKey))).isEqualTo(USER);
  }

  @Test
  void setAccessKeyStatus_disablesActiveKey_andAnswersPreviousStatus() {
    String previous = activities.setAccessKeyStatus(new KeyStatusRequest(ACCOUNT, USER, originalKey, "Inactive"));
    assertThat(previous).isEqualTo("Active");
    assertThat(keys()).singleElement().satisfies(k -> assertThat(k.statusAsString()).isEqualTo("Inactive"));
  }

  @Test
  void setAccessKeyStatus_whenAlreadyInactive_isNoOp() {
    activities.setAccessKeyStatus(new KeyStatusRequest(ACCOUNT, USER, originalKey, "Inactive"));
    String second = activities.setAccessKeyStatus(new KeyStatusRequest(ACCOUNT, USER, originalKey, "Inactive"));
    assertThat(second).isEqualTo("Inactive");
    assertThat(keys()).singleElement().satisfies(k -> assertThat(k.statusAsString()).isEqualTo("Inactive"));
  }

  @Test
  void setAccessKeyStatus_whenKeyUnknown_failsNotFound() {
    ApplicationFailure failure = failure(catchThrowable(() ->
        activities.setAccessKeyStatus(new KeyStatusRequest(ACCOUNT, USER, "AKIAAAAAAAAAAAAAAAAA", "Inactive"))));
    assertThat(failure.getType()).isEqualTo(FailureType.NOT_FOUND.name());
  }

  @Test
  void setAccessKeyStatus_withUnknownStatus_failsValidation() {
    ApplicationFailure failure = failure(catchThrowable(() ->
        activities.setAccessKeyStatus(new KeyStatusRequest(ACCOUNT, USER, originalKey, "Disabled"))));
    assertThat(failure.getType()).isEqualTo(FailureType.VALIDATION.name());
  }

  @Test
  void putUserPolicy_twice_leavesOnePolicyWithTheDocument() throws Exception {
    PutUserPolicyRequest put = new PutUserPolicyRequest(ACCOUNT, USER, "ir-playbooks-deny-all", DENY_ALL);
    activities.putUserPolicy(put);
    activities.putUserPolicy(put);
    assertThat(iam.listUserPolicies(b -> b.userName(USER)).policyNames()).containsExactly("ir-playbooks-deny-all");
    String stored = java.net.URLDecoder.decode(
        iam.getUserPolicy(b -> b.userName(USER).policyName("ir-playbooks-deny-all")).policyDocument(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json.readTree(stored)).isEqualTo(json.readTree(DENY_ALL));
  }

  @Test
  void deleteUserPolicy_twice_secondIsNoOp() {
    activities.putUserPolicy(new PutUserPolicyRequest(ACCOUNT, USER, "ir-playbooks-deny-all", DENY_ALL));
    DeleteUserPolicyRequest delete = new DeleteUserPolicyRequest(ACCOUNT, USER, "ir-playbooks-deny-all");
    activities.deleteUserPolicy(delete);
    activities.deleteUserPolicy(delete);
    assertThat(iam.listUserPolicies(b -> b.userName(USER)).policyNames()).isEmpty();
  }

  @Test
  void deleteUserPolicy_whenUserMissing_failsNotFound() {
    ApplicationFailure failure = failure(catchThrowable(() ->
        activities.deleteUserPolicy(new DeleteUserPolicyRequest(ACCOUNT, "ghost", "ir-playbooks-deny-all"))));
    assertThat(failure.getType()).isEqualTo(FailureType.NOT_FOUND.name());
  }

  @Test
  void putUserPolicy_withMalformedDocument_failsValidation() {
    ApplicationFailure failure = failure(catchThrowable(() ->
        activities.putUserPolicy(new PutUserPolicyRequest(ACCOUNT, USER, "bad", "{\"not\":\"a policy\"}"))));
    assertThat(failure.getType()).isEqualTo(FailureType.VALIDATION.name());
  }

  @Test
  void deleteLoginProfile_whenNone_answersFalse() {
    assertThat(activities.deleteLoginProfile(new UserRef(ACCOUNT, USER))).isFalse();
  }

  @Test
  void deleteLoginProfile_whenPresent_removesItAndAnswersTrue() {
    iam.createLoginProfile(b -> b.userName(USER).password("Initial-Passw0rd!"));
    assertThat(activities.deleteLoginProfile(new UserRef(ACCOUNT, USER))).isTrue();
    assertThat(activities.deleteLoginProfile(new UserRef(ACCOUNT, USER))).isFalse();
  }

  @Test
  void issueConsolePassword_twice_createsOneLoginProfileAndOneSecret() throws Exception {
    IssueCredentialRequest request = new IssueCredentialRequest(CASE, ACCOUNT, USER, Instant.now());
    IssuedCredential first = activities.issueConsolePassword(request);
    String firstValue = secrets.getSecretValue(b -> b.secretId(first.secretArn())).secretString();
    IssuedCredential second = activities.issueConsolePassword(request);

    assertThat(second).isEqualTo(first);
    assertThat(secrets.listSecrets().secretList()).singleElement()
        .satisfies(s -> assertThat(s.name()).isEqualTo("ir-playbooks/" + CASE + "/alice/console-password"));
    assertThat(secrets.getSecretValue(b -> b.secretId(first.secretArn())).secretString()).isEqualTo(firstValue);
    // moto ignores PasswordResetRequired on CreateLoginProfile; the update path below proves the flag.
    assertThat(iam.getLoginProfile(b -> b.userName(USER)).loginProfile()).isNotNull();
    JsonNode secret = json.readTree(firstValue);
    String password = secret.get("password").asText();
    assertThat(password).hasSize(24).containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]")
        .containsPattern("[!@#$%^&*()_+\\-=\\[\\]{}|']");
    assertThat(first.toString()).doesNotContain(password);
  }

  @Test
  void issueConsolePassword_whenProfileExistsButNoSecret_replacesThePassword() {
    iam.createLoginProfile(b -> b.userName(USER).password("Attacker-Set-Passw0rd!"));
    IssuedCredential issued = activities.issueConsolePassword(new IssueCredentialRequest(CASE, ACCOUNT, USER, Instant.now()));
    assertThat(issued.secretArn()).contains("console-password");
    assertThat(iam.getLoginProfile(b -> b.userName(USER)).loginProfile().passwordResetRequired()).isTrue();
    assertThat(secrets.listSecrets().secretList()).hasSize(1);
  }

  @Test
  void issueConsolePassword_whenSecretStoredButProfileMissing_setsTheStoredPassword() {
    IssueCredentialRequest request = new IssueCredentialRequest(CASE, ACCOUNT, USER, Instant.now());
    IssuedCredential first = activities.issueConsolePassword(request);
    iam.deleteLoginProfile(b -> b.userName(USER));

    IssuedCredential again = activities.issueConsolePassword(request);

    assertThat(again.secretArn()).isEqualTo(first.secretArn());
    assertThat(iam.getLoginProfile(b -> b.userName(USER)).loginProfile()).isNotNull();
    assertThat(secrets.listSecrets().secretList()).hasSize(1);
  }

  @Test
  void createReplacementAccessKey_twice_answersTheSameKey() throws Exception {
    IssueCredentialRequest request = new IssueCredentialRequest(CASE, ACCOUNT, USER, nextSecond());
    IssuedCredential first = activities.createReplacementAccessKey(request);
    IssuedCredential second = activities.createReplacementAccessKey(request);

    assertThat(second).isEqualTo(first);
    assertThat(keys()).extracting(AccessKeyMetadata::accessKeyId).containsExactlyInAnyOrder(originalKey, first.credentialId());
    JsonNode secret = json.readTree(secrets.getSecretValue(b -> b.secretId(first.secretArn())).secretString());
    assertThat(secret.get("accessKeyId").asText()).isEqualTo(first.credentialId());
    String secretAccessKey = secret.get("secretAccessKey").asText();
    assertThat(secretAccessKey).isNotBlank();
    assertThat(first.toString()).doesNotContain(secretAccessKey);
    assertThat(secrets.listSecrets().secretList()).singleElement()
        .satisfies(s -> assertThat(s.name()).isEqualTo("ir-playbooks/" + CASE + "/alice/access-key"));
  }

  @Test
  void createReplacementAccessKey_afterCrashBeforeSecret_deletesOrphanSoOneReplacementExists() throws Exception {
    Instant notBefore = nextSecond();
    // An earlier attempt created this key and died before storing its secret.
    String orphan = iam.createAccessKey(b -> b.userName(USER)).accessKey().accessKeyId();

    IssuedCredential issued = activities.createReplacementAccessKey(new IssueCredentialRequest(CASE, ACCOUNT, USER, notBefore));

    assertThat(issued.credentialId()).isNotEqualTo(orphan).isNotEqualTo(originalKey);
    assertThat(keys()).extracting(AccessKeyMetadata::accessKeyId)
        .containsExactlyInAnyOrder(originalKey, issued.credentialId());
    JsonNode secret = json.readTree(secrets.getSecretValue(b -> b.secretId(issued.secretArn())).secretString());
    assertThat(secret.get("accessKeyId").asText()).isEqualTo(issued.credentialId());
  }

  @Test
  void createReplacementAccessKey_whenUserHasTwoOlderKeys_failsConflictNamingThem() throws Exception {
    String second = iam.createAccessKey(b -> b.userName(USER)).accessKey().accessKeyId();
    Instant notBefore = nextSecond();
    ApplicationFailure failure = failure(catchThrowable(() ->
        activities.createReplacementAccessKey(new IssueCredentialRequest(CASE, ACCOUNT, USER, notBefore))));
    assertThat(failure.getType()).isEqualTo(FailureType.CONFLICT.name());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains(originalKey).contains(second);
    assertThat(keys()).hasSize(2);
    assertThat(secrets.listSecrets().secretList()).isEmpty();
  }

  @Test
  void deleteAccessKey_twice_secondAnswersFalse() {
    AccessKeyRef key = new AccessKeyRef(ACCOUNT, USER, originalKey);
    assertThat(activities.deleteAccessKey(key)).isTrue();
    assertThat(activities.deleteAccessKey(key)).isFalse();
    assertThat(keys()).isEmpty();
  }

  @Test
  void tagUser_andUntagUser_areRepeatable() {
    activities.tagUser(new TagUserRequest(ACCOUNT, USER, Map.of("ir-playbooks:case", CASE)));
    activities.tagUser(new TagUserRequest(ACCOUNT, USER, Map.of("ir-playbooks:case", CASE)));
    assertThat(iam.listUserTags(b -> b.userName(USER)).tags()).singleElement()
        .satisfies(t -> assertThat(t.value()).isEqualTo(CASE));
    activities.untagUser(new UntagUserRequest(ACCOUNT, USER, List.of("ir-playbooks:case", "absent")));
    activities.untagUser(new UntagUserRequest(ACCOUNT, USER, List.of("ir-playbooks:case")));
    assertThat(iam.listUserTags(b -> b.userName(USER)).tags()).isEmpty();
  }

  @Test
  void invalidUserName_failsValidationWithoutCallingAws() {
    ApplicationFailure failure = failure(catchThrowable(() -> activities.describeUserCredentials(new UserRef(ACCOUNT, "a/b c"))));
    assertThat(failure.getType()).isEqualTo(FailureType.VALIDATION.name());
  }
}
