package org.irplaybooks.activities.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.workflows.ports.FailureType;
import org.irplaybooks.workflows.ports.IamRoleActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/** {@link IamRoleActivities} on IAM. Policy documents are logged by name only, never by content. */
public final class IamRoleActivitiesImpl implements IamRoleActivities {
  private static final Logger log = LoggerFactory.getLogger(IamRoleActivitiesImpl.class);
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  private final AwsClientFactory clients;
  private final AwsErrorTranslator errors;
  private final ObjectMapper json = new ObjectMapper();

  public IamRoleActivitiesImpl(AwsClientFactory clients, AwsErrorTranslator errors) {
    this.clients = clients;
    this.errors = errors;
  }

  @Override
  public RoleState describeRole(RoleRef role) {
    validateAccount(role.accountId());
    String name = validateRoleName(role.roleName());
    IamClient iam = clients.iam(role.accountId());
    return errors.call("describing IAM role " + name, () -> {
      Role r = iam.getRole(b -> b.roleName(name)).role();
      List<String> inline = new ArrayList<>();
      iam.listRolePoliciesPaginator(b -> b.roleName(name)).policyNames().forEach(inline::add);
      List<String> attached = new ArrayList<>();
      iam.listAttachedRolePoliciesPaginator(b -> b.roleName(name)).attachedPolicies().stream()
          .map(AttachedPolicy::policyArn).forEach(attached::add);
      List<String> profiles = new ArrayList<>();
      iam.listInstanceProfilesForRolePaginator(b -> b.roleName(name)).instanceProfiles().stream()
          .map(InstanceProfile::arn).forEach(profiles::add);
      Map<String, String> tags = new LinkedHashMap<>();
      iam.listRoleTagsPaginator(b -> b.roleName(name)).tags().forEach(t -> tags.put(t.key(), t.value()));
      int maxSession = r.maxSessionDuration() == null ? 3600 : r.maxSessionDuration();
      return new RoleState(r.roleName(), r.arn(), decode(r.assumeRolePolicyDocument()), maxSession,
          List.copyOf(inline), List.copyOf(attached), List.copyOf(profiles), Map.copyOf(tags));
    });
  }

  @Override
  public void putRolePolicy(PutRolePolicyRequest request) {
    validateAccount(request.accountId());
    String name = validateRoleName(request.roleName());
    validatePolicyName(request.policyName());
    requireJson(request.policyDocument(), "policy " + request.policyName());
    errors.run("putting inline policy " + request.policyName() + " on IAM role " + name,
        () -> clients.iam(request.accountId()).putRolePolicy(b -> b.roleName(name)
            .policyName(request.policyName()).policyDocument(request.policyDocument())));
    log.info("inline policy {} put on role {}", request.policyName(), name);
  }

  @Override
  public void deleteRolePolicy(DeleteRolePolicyRequest request) {
    validateAccount(request.accountId());
    String name = validateRoleName(request.roleName());
    validatePolicyName(request.policyName());
    IamClient iam = clients.iam(request.accountId());
    String what = "deleting inline policy " + request.policyName() + " of IAM role " + name;
    try {
      iam.deleteRolePolicy(b -> b.roleName(name).policyName(request.policyName()));
      log.info("inline policy {} deleted from role {}", request.policyName(), name);
    } catch (SdkException e) {
      if (!AwsErrorTranslator.isNotFound(e)) throw errors.translate(what, e);
      // Gone is fine only when the role itself still exists: a missing role is a real NOT_FOUND.
      errors.run(what, () -> iam.getRole(b -> b.roleName(name)));
      log.info("inline policy {} of role {} was already gone", request.policyName(), name);
    }
  }

  @Override
  public String updateTrustPolicy(UpdateTrustPolicyRequest request) {
    validateAccount(request.accountId());
    String name = validateRoleName(request.roleName());
    JsonNode wanted = requireJson(request.trustPolicy(), "trust policy of " + name);
    IamClient iam = clients.iam(request.accountId());
    return errors.call("updating the trust policy of IAM role " + name, () -> {
      String previous = decode(iam.getRole(b -> b.roleName(name)).role().assumeRolePolicyDocument());
      if (wanted.equals(parse(previous))) {
        log.info("trust policy of role {} already as wanted", name);
        return previous;
      }
      iam.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(request.trustPolicy()));
      log.info("trust policy of role {} replaced", name);
      return previous;
    });
  }

  @Override
  public void tagRole(TagRoleRequest request) {
    validateAccount(request.accountId());
    String name = validateRoleName(request.roleName());
    List<Tag> tags = request.tags().entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    errors.run("tagging IAM role " + name, () -> clients.iam(request.accountId()).tagRole(b -> b.roleName(name).tags(tags)));
  }

  @Override
  public void untagRole(UntagRoleRequest request) {
    validateAccount(request.accountId());
    String name = validateRoleName(request.roleName());
    errors.run("untagging IAM role " + name,
        () -> clients.iam(request.accountId()).untagRole(b -> b.roleName(name).tagKeys(request.tagKeys())));
  }

  /** IAM answers policy documents URL-encoded; some endpoints answer them plain. */
  private static String decode(String document) {
    if (document == null) return null;
    String trimmed = document.trim();
    if (trimmed.startsWith("{")) return trimmed;
    return URLDecoder.decode(trimmed, StandardCharsets.UTF_8);
  }

  private JsonNode requireJson(String document, String what) {
    JsonNode tree = document == null || document.isBlank() ? null : parse(document);
    if (tree == null || !tree.isObject()) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, what + " is not a JSON object");
    }
    return tree;
  }

  private JsonNode parse(String document) {
    try {
      return document == null ? null : json.readTree(document);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String validateRoleName(String roleName) {
    if (roleName == null || !ROLE_NAME.matcher(roleName).matches()) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "'" + roleName + "' is not a valid IAM role name");
    }
    return roleName;
  }

  private static void validatePolicyName(String policyName) {
    if (policyName == null || !POLICY_NAME.matcher(policyName).matches()) {
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
