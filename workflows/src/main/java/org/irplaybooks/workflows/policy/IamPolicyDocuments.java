package org.irplaybooks.workflows.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * IAM policy documents the playbooks attach, built as JSON trees: no finding field is ever spliced
 * into a policy as text, so a crafted name cannot widen what a policy allows.
 */
public final class IamPolicyDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private IamPolicyDocuments() {}

  /** Denies every action on every resource: the principal can do nothing until it is removed. */
  public static String denyAll() {
    ObjectNode policy = document();
    ObjectNode statement = statement(policy, "IrPlaybooksDenyAll");
    statement.put("Action", "*");
    statement.put("Resource", "*");
    return write(policy);
  }

  /**
   * Denies everything to sessions whose token was issued before {@code cutoff}: the mechanism
   * behind the console's "revoke active sessions". Later sessions are unaffected.
   */
  public static String denySessionsIssuedBefore(Instant cutoff) {
    ObjectNode policy = document();
    ObjectNode statement = statement(policy, "IrPlaybooksRevokeOlderSessions");
    statement.put("Action", "*");
    statement.put("Resource", "*");
    statement.putObject("Condition").putObject("DateLessThan")
        .put("aws:TokenIssueTime", cutoff.truncatedTo(ChronoUnit.SECONDS).toString());
    return write(policy);
  }

  /**
   * Denies everything except managing one's own MFA device unless the request was authenticated
   * with MFA: for users who have no MFA device yet.
   */
  public static String requireMfa() {
    ObjectNode policy = document();
    ObjectNode statement = statement(policy, "IrPlaybooksDenyWithoutMfa");
    ArrayNode allowed = statement.putArray("NotAction");
    for (String action : new String[] {"iam:CreateVirtualMFADevice", "iam:EnableMFADevice",
        "iam:GetUser", "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice",
        "iam:ChangePassword", "sts:GetSessionToken"}) {
      allowed.add(action);
    }
    statement.put("Resource", "*");
    statement.putObject("Condition").putObject("BoolIfExists").put("aws:MultiFactorAuthPresent", "false");
    return write(policy);
  }

  private static ObjectNode document() {
    ObjectNode policy = JSON.createObjectNode();
    policy.put("Version", "2012-10-17");
    policy.putArray("Statement");
    return policy;
  }

  private static ObjectNode statement(ObjectNode policy, String sid) {
    ObjectNode statement = ((ArrayNode) policy.get("Statement")).addObject();
    statement.put("Sid", sid);
    statement.put("Effect", "Deny");
    return statement;
  }

  private static String write(ObjectNode policy) {
    try {
      return JSON.writeValueAsString(policy);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a policy tree always serializes", e);
    }
  }
}
