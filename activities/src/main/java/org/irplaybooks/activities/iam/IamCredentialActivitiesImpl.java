package org.irplaybooks.activities.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.activities.evidence.EvidenceStore;
import org.irplaybooks.workflows.ports.FailureType;
import org.irplaybooks.workflows.ports.IamCredentialActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * {@link IamCredentialActivities} on IAM and Secrets Manager.
 *
 * <p>Issued credentials are kept in the home account's Secrets Manager (where the responders work),
 * whatever account the user is in, so that one place holds every credential the product issued.
 * Secret values are never logged, returned or put into a failure message.
 */
public final class IamCredentialActivitiesImpl implements IamCredentialActivities {
  private static final Logger log = LoggerFactory.getLogger(IamCredentialActivitiesImpl.class);
  private static final Pattern USER_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");
  private static final Pattern CASE_ID = Pattern.compile(EvidenceStore.CASE_ID_FORMAT);
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final int MAX_ACCESS_KEYS = 2;

  private final AwsClientFactory clients;
  private final AwsErrorTranslator errors;
  private final ConsolePasswords passwords;
  private final ObjectMapper json = new ObjectMapper();

  public IamCredentialActivitiesImpl(AwsClientFactory clients, AwsErrorTranslator errors) {
    this(clients, errors, new SecureRandom());
  }

  IamCredentialActivitiesImpl(AwsClientFactory clients, AwsErrorTranslator errors, SecureRandom random) {
    this.clients = clients;
    this.errors = errors;
    this.passwords = new ConsolePasswords(random);
  }

  @Override
  public String findAccessKeyOwner(AccessKeyRef key) {
    validateAccount(key.accountId());
    validateAccessKeyId(key.accessKeyId());
    String owner = errors.call("finding the owner of access key " + key.accessKeyId(),
        () -> iam(key.accountId()).getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId())).userName());
    if (owner == null || owner.isBlank()) {
      throw AwsErrorTranslator.nonRetryable(FailureType.NOT_FOUND,
          "access key " + key.accessKeyId() + " has no IAM user owner in account " + key.accountId());
    }
    return owner;
  }

  @Override
  public UserCredentialState describeUserCredentials(UserRef user) {
    validateAccount(user.accountId());
    String name = validateUserName(user.userName());
    IamClient iam = iam(user.accountId());
    String what = "describing the credentials of IAM user " + name;
    return errors.call(what, () -> {
      User u = iam.getUser(b -> b.userName(name)).user();
      List<AccessKeyInfo> keys = accessKeys(iam, name).stream()
          .map(k -> new AccessKeyInfo(k.accessKeyId(), k.statusAsString(), k.createDate())).toList();
      List<String> inline = new ArrayList<>();
      iam.listUserPoliciesPaginator(b -> b.userName(name)).policyNames().forEach(inline::add);
      List<String> attached = new ArrayList<>();
      iam.listAttachedUserPoliciesPaginator(b -> b.userName(name)).attachedPolicies().stream()
          .map(AttachedPolicy::policyArn).forEach(attached::add);
      List<String> groups = new ArrayList<>();
      iam.listGroupsForUserPaginator(b -> b.userName(name)).groups().stream()
          .map(Group::groupName).forEach(groups::add);
      LoginProfile profile = loginProfile(iam, name);
      List<String> mfa = new ArrayList<>();
      iam.listMFADevicesPaginator(b -> b.userName(name)).mfaDevices().stream()
          .map(MFADevice::serialNumber).forEach(mfa::add);
      Map<String, String> tags = new LinkedHashMap<>();
      iam.listUserTagsPaginator(b -> b.userName(name)).tags().forEach(t -> tags.put(t.key(), t.value()));
      return new UserCredentialState(u.userName(), u.arn(), keys, List.copyOf(inline), List.copyOf(attached),
          List.copyOf(groups), profile != null, profile == null ? null : profile.createDate(), List.copyOf(mfa),
          Map.copyOf(tags));
    });
  }

  @Override
  public String setAccessKeyStatus(KeyStatusRequest request) {
    validateAccount(request.accountId());
    String name = validateUserName(request.userName());
    validateAccessKeyId(request.accessKeyId());
    StatusType target = StatusType.fromValue(request.status());
    if (target == null || target == StatusType.UNKNOWN_TO_SDK_VERSION) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION,
          "access key status must be Active or Inactive, got '" + request.status() + "'");
    }
    IamClient iam = iam(request.accountId());
    String what = "setting access key " + request.accessKeyId() + " of IAM user " + name + " " + target;
    return errors.call(what, () -> {
      AccessKeyMetadata key = accessKeys(iam, name).stream()
          .filter(k -> k.accessKeyId().equals(request.accessKeyId())).findFirst()
          .orElseThrow(() -> AwsErrorTranslator.nonRetryable(FailureType.NOT_FOUND,
              "IAM user " + name + " has no access key " + request.accessKeyId()));
      String previous = key.statusAsString();
      if (key.status() == target) {
        log.info("access key {} of {} is already {}", request.accessKeyId(), name, target);
        return previous;
      }
      iam.updateAccessKey(b -> b.userName(name).accessKeyId(request.accessKeyId()).status(target));
      log.info("access key {} of {}: {} -> {}", request.accessKeyId(), name, previous, target);
      return previous;
    });
  }

  @Override
  public void putUserPolicy(PutUserPolicyRequest request) {
    validateAccount(request.accountId());
    String name = validateUserName(request.userName());
    validatePolicyName(request.policyName());
    if (request.policyDocument() == null || request.policyDocument().isBlank()) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "policy " + request.policyName() + " has no document");
    }
    errors.run("putting inline policy " + request.policyName() + " on IAM user " + name,
        () -> iam(request.accountId()).putUserPolicy(b -> b.userName(name)
            .policyName(request.policyName()).policyDocument(request.policyDocument())));
  }

  @Override
  public void deleteUserPolicy(DeleteUserPolicyRequest request) {
    validateAccount(request.accountId());
    String name = validateUserName(request.userName());
    validatePolicyName(request.policyName());
    IamClient iam = iam(request.accountId());
    String what = "deleting inline policy " + request.policyName() + " of IAM user " + name;
    try {
      iam.deleteUserPolicy(b -> b.userName(name).policyName(request.policyName()));
    } catch (SdkException e) {
      if (!AwsErrorTranslator.isNotFound(e)) throw errors.translate(what, e);
      requireUser(iam, name, what);
      log.info("inline policy {} of {} was already gone", request.policyName(), name);
    }
  }

  @Override
  public boolean deleteLoginProfile(UserRef user) {
    validateAccount(user.accountId());
    String name = validateUserName(user.userName());
    IamClient iam = iam(user.accountId());
    String what = "deleting the console password of IAM user " + name;
    try {
      iam.deleteLoginProfile(b -> b.userName(name));
      return true;
    } catch (SdkException e) {
      if (!AwsErrorTranslator.isNotFound(e)) throw errors.translate(what, e);
      requireUser(iam, name, what);
      return false;
    }
  }

  @Override
  public IssuedCredential issueConsolePassword(IssueCredentialRequest request) {
    String name = validateIssue(request);
    IamClient iam = iam(request.accountId());
    SecretsManagerClient secrets = clients.secretsManager();
    String secretName = secretName(request, "console-password");
    String what = "issuing a console password for IAM user " + name;
    return errors.call(what, () -> {
      requireUser(iam, name, what);
      String secretArn = secretArn(secrets, secretName);
      boolean hasProfile = loginProfile(iam, name) != null;
      if (secretArn != null && hasProfile) {
        log.info("console password of {} already issued in {}", name, secretArn);
        return new IssuedCredential(name, "login-profile", secretArn);
      }
      String password;
      if (secretArn != null) {
        // The secret was stored but the password never set (a worker died in between): set that one.
        password = readSecret(secrets, secretArn).path("password").asText(null);
        if (password == null) {
          throw AwsErrorTranslator.nonRetryable(FailureType.CONFLICT,
              "secret " + secretName + " exists but holds no password; remove it or use another case");
        }
      } else {
        password = passwords.generate();
        ObjectNode value = json.createObjectNode()
            .put("accountId", request.accountId()).put("userName", name).put("password", password);
        secretArn = createSecret(secrets, secretName, value, request, "console password");
      }
      String pw = password;
      if (hasProfile) {
        iam.updateLoginProfile(b -> b.userName(name).password(pw).passwordResetRequired(true));
      } else {
        iam.createLoginProfile(b -> b.userName(name).password(pw).passwordResetRequired(true));
      }
      log.info("issued a console password for {} (reset required), kept in {}", name, secretArn);
      return new IssuedCredential(name, "login-profile", secretArn);
    });
  }

  @Override
  public void tagUser(TagUserRequest request) {
    validateAccount(request.accountId());
    String name = validateUserName(request.userName());
    if (request.tags() == null || request.tags().isEmpty()) return;
    List<Tag> tags = request.tags().entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    errors.run("tagging IAM user " + name, () -> iam(request.accountId()).tagUser(b -> b.userName(name).tags(tags)));
  }

  @Override
  public void untagUser(UntagUserRequest request) {
    validateAccount(request.accountId());
    String name = validateUserName(request.userName());
    if (request.tagKeys() == null || request.tagKeys().isEmpty()) return;
    errors.run("untagging IAM user " + name,
        () -> iam(request.accountId()).untagUser(b -> b.userName(name).tagKeys(request.tagKeys())));
  }

  @Override
  public IssuedCredential createReplacementAccessKey(IssueCredentialRequest request) {
    String name = validateIssue(request);
    if (request.notBefore() == null) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "notBefore is required to find keys left by an earlier attempt");
    }
    // IAM reports creation times in whole seconds.
    Instant notBefore = request.notBefore().truncatedTo(ChronoUnit.SECONDS);
    IamClient iam = iam(request.accountId());
    SecretsManagerClient secrets = clients.secretsManager();
    String secretName = secretName(request, "access-key");
    String what = "creating a replacement access key for IAM user " + name;
    return errors.call(what, () -> {
      List<AccessKeyMetadata> keys = new ArrayList<>(accessKeys(iam, name));
      String secretArn = secretArn(secrets, secretName);
      String recorded = secretArn == null ? null : readSecret(secrets, secretArn).path("accessKeyId").asText(null);
      if (recorded != null && keys.stream().anyMatch(k -> k.accessKeyId().equals(recorded))) {
        log.info("replacement access key {} of {} already issued in {}", recorded, name, secretArn);
        return new IssuedCredential(name, recorded, secretArn);
      }
      for (AccessKeyMetadata key : List.copyOf(keys)) {
        boolean orphan = !key.accessKeyId().equals(recorded) && key.createDate() != null
            && !key.createDate().isBefore(notBefore);
        if (orphan) {
          log.warn("deleting access key {} of {}: created at {} by an earlier attempt whose secret was never stored",
              key.accessKeyId(), name, key.createDate());
          iam.deleteAccessKey(b -> b.userName(name).accessKeyId(key.accessKeyId()));
          keys.remove(key);
        }
      }
      if (keys.size() >= MAX_ACCESS_KEYS) {
        throw AwsErrorTranslator.nonRetryable(FailureType.CONFLICT, "IAM user " + name + " already has "
            + keys.size() + " access keys (" + String.join(", ", keys.stream().map(AccessKeyMetadata::accessKeyId).toList())
            + "); delete one before a replacement can be created");
      }
      var created = iam.createAccessKey(b -> b.userName(name)).accessKey();
      ObjectNode value = json.createObjectNode()
          .put("accessKeyId", created.accessKeyId()).put("secretAccessKey", created.secretAccessKey());
      if (secretArn == null) {
        secretArn = createSecret(secrets, secretName, value, request, "access key");
      } else {
        String arn = secretArn;
        secrets.putSecretValue(b -> b.secretId(arn).secretString(write(value)));
      }
      log.info("created replacement access key {} for {}, kept in {}", created.accessKeyId(), name, secretArn);
      return new IssuedCredential(name, created.accessKeyId(), secretArn);
    });
  }

  @Override
  public boolean deleteAccessKey(AccessKeyRef key) {
    validateAccount(key.accountId());
    String name = validateUserName(key.userName());
    validateAccessKeyId(key.accessKeyId());
    IamClient iam = iam(key.accountId());
    String what = "deleting access key " + key.accessKeyId() + " of IAM user " + name;
    try {
      iam.deleteAccessKey(b -> b.userName(name).accessKeyId(key.accessKeyId()));
      return true;
    } catch (SdkException e) {
      if (!AwsErrorTranslator.isNotFound(e)) throw errors.translate(what, e);
      requireUser(iam, name, what);
      return false;
    }
  }

  private IamClient iam(String accountId) {
    return clients.iam(accountId);
  }

  private static List<AccessKeyMetadata> accessKeys(IamClient iam, String userName) {
    List<AccessKeyMetadata> keys = new ArrayList<>();
    iam.listAccessKeysPaginator(b -> b.userName(userName)).accessKeyMetadata().forEach(keys::add);
    return keys;
  }

  /** The user's login profile, or null: a missing profile is an answer here, not an error. */
  private static LoginProfile loginProfile(IamClient iam, String userName) {
    try {
      return iam.getLoginProfile(b -> b.userName(userName)).loginProfile();
    } catch (SdkException e) {
      if (AwsErrorTranslator.isNotFound(e)) return null;
      throw e;
    }
  }

  /** Fails NOT_FOUND when the user itself is gone (so a missing sub-resource is told apart). */
  private void requireUser(IamClient iam, String userName, String what) {
    errors.run(what, () -> iam.getUser(b -> b.userName(userName)));
  }

  private String secretName(IssueCredentialRequest request, String kind) {
    return clients.settings().secretNamePrefix() + request.caseId() + "/" + request.userName() + "/" + kind;
  }

  /** The ARN of the secret, or null when it does not exist. */
  private static String secretArn(SecretsManagerClient secrets, String secretName) {
    DescribeSecretResponse secret;
    try {
      secret = secrets.describeSecret(b -> b.secretId(secretName));
    } catch (SdkException e) {
      if (AwsErrorTranslator.isNotFound(e)) return null;
      throw e;
    }
    if (secret.deletedDate() != null) {
      throw AwsErrorTranslator.nonRetryable(FailureType.CONFLICT, "secret " + secretName
          + " is scheduled for deletion; restore or purge it before issuing this credential again");
    }
    return secret.arn();
  }

  private JsonNode readSecret(SecretsManagerClient secrets, String secretArn) {
    String value = secrets.getSecretValue(b -> b.secretId(secretArn)).secretString();
    try {
      return value == null ? json.createObjectNode() : json.readTree(value);
    } catch (JsonProcessingException e) {
      // Never pass the parser's message on: it quotes the secret's text.
      throw AwsErrorTranslator.nonRetryable(FailureType.CONFLICT, "secret " + secretArn + " does not hold JSON");
    }
  }

  private String createSecret(SecretsManagerClient secrets, String secretName, ObjectNode value,
      IssueCredentialRequest request, String what) {
    return secrets.createSecret(b -> b.name(secretName)
        .description("IR Playbooks " + what + " of IAM user " + request.userName() + " in account "
            + request.accountId() + ", case " + request.caseId())
        .secretString(write(value))
        .tags(software.amazon.awssdk.services.secretsmanager.model.Tag.builder().key("ir-playbooks:case-id").value(request.caseId()).build(),
            software.amazon.awssdk.services.secretsmanager.model.Tag.builder().key("ir-playbooks:user").value(request.userName()).build()))
        .arn();
  }

  private String write(ObjectNode value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("serializing a secret failed", e);
    }
  }

  private String validateIssue(IssueCredentialRequest request) {
    validateAccount(request.accountId());
    if (request.caseId() == null || !CASE_ID.matcher(request.caseId()).matches()) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION,
          "case id '" + request.caseId() + "' does not match " + EvidenceStore.CASE_ID_FORMAT);
    }
    return validateUserName(request.userName());
  }

  private static String validateUserName(String userName) {
    if (userName == null || !USER_NAME.matcher(userName).matches()) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "'" + userName + "' is not a valid IAM user name");
    }
    return userName;
  }

  private static void validateAccessKeyId(String accessKeyId) {
    if (accessKeyId == null || !ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "'" + accessKeyId + "' is not a valid access key id");
    }
  }

  private static void validatePolicyName(String policyName) {
    if (policyName == null || !Pattern.matches("[\\w+=,.@-]{1,128}", policyName)) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "'" + policyName + "' is not a valid policy name");
    }
  }

  /** Null means the home account; anything else must be an account id. */
  private static void validateAccount(String accountId) {
    if (accountId != null && !ACCOUNT_ID.matcher(accountId).matches()) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "'" + accountId + "' is not an AWS account id");
    }
  }
}
