package org.irplaybooks.workflows.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * Edits of a role's trust (assume-role) policy, on the JSON tree: principals are removed as
 * elements, never by editing text, so the rest of the document stays exactly as it was.
 */
public final class TrustPolicyDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TrustPolicyDocuments() {}

  /**
   * The trust policy without any AWS principal of the given account: the bare account id, its root
   * ARN, or any user, role or session ARN in it. A principal block left empty is removed with its
   * statement; a policy left with no statement at all gets one that denies everyone, since IAM
   * does not accept a trust policy without statements.
   *
   * @return the edited document, or null when the account was not named in it (nothing to change)
   */
  public static String withoutAccount(String trustPolicy, String accountId) {
    if (trustPolicy == null || accountId == null || !accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("a trust policy and a 12-digit account id are required");
    }
    JsonNode root = read(trustPolicy);
    if (!(root instanceof ObjectNode policy)) throw new IllegalArgumentException("the trust policy is not a JSON object");
    JsonNode statements = policy.get("Statement");
    boolean changed = false;
    if (statements instanceof ObjectNode single) {
      // IAM accepts one statement as an object; make it a list so it can be edited the same way.
      ArrayNode list = policy.putArray("Statement");
      list.add(single);
      statements = list;
    }
    if (!(statements instanceof ArrayNode list)) return null;
    for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
      JsonNode statement = it.next();
      if (!(statement.get("Principal") instanceof ObjectNode principal)) continue;
      JsonNode aws = principal.get("AWS");
      if (aws == null) continue;
      if (aws.isTextual()) {
        if (!belongsTo(aws.asText(), accountId)) continue;
        principal.remove("AWS");
        changed = true;
      } else if (aws instanceof ArrayNode arns) {
        for (Iterator<JsonNode> a = arns.elements(); a.hasNext(); ) {
          if (belongsTo(a.next().asText(), accountId)) {
            a.remove();
            changed = true;
          }
        }
        if (arns.isEmpty()) principal.remove("AWS");
        else if (arns.size() == 1) principal.set("AWS", arns.get(0));
      }
      if (principal.isEmpty()) it.remove();
    }
    if (!changed) return null;
    if (list.isEmpty()) {
      ObjectNode deny = list.addObject();
      deny.put("Sid", "IrPlaybooksNoTrustedPrincipalLeft");
      deny.put("Effect", "Deny");
      deny.putObject("Principal").put("AWS", "*");
      deny.put("Action", "sts:AssumeRole");
    }
    try {
      return JSON.writeValueAsString(policy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a policy tree always serializes", e);
    }
  }

  /** The account named by an AWS principal: a bare id, or the account field of an ARN; null otherwise. */
  public static String accountOf(String principal) {
    if (principal == null) return null;
    if (principal.matches("\\d{12}")) return principal;
    String[] parts = principal.split(":", 6);
    if (parts.length == 6 && parts[0].equals("arn") && parts[4].matches("\\d{12}")) return parts[4];
    return null;
  }

  private static boolean belongsTo(String principal, String accountId) {
    return accountId.equals(accountOf(principal));
  }

  private static JsonNode read(String document) {
    try {
      return JSON.readTree(document);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the trust policy is not JSON", e);
    }
  }
}
