package org.irplaybooks.workflows.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One incident per finding: the case id and the workflow id are both derived from the account and
 * the finding's incident key (its id, or for a compromised access key the key itself: see
 * {@code PlaybookCatalog.incidentKey}), so every delivery of the same finding (duplicates, updates,
 * the Security Hub copy of a GuardDuty finding) lands on the same workflow.
 */
public final class IncidentIds {
  public static final String WORKFLOW_ID_PREFIX = "incident-";

  private IncidentIds() {}

  /** {@code IR-} and 12 hex digits of SHA-256(account:findingId): stable, short, and opaque. */
  public static String caseId(String accountId, String findingId) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((accountId + ":" + findingId).getBytes(StandardCharsets.UTF_8));
      return "IR-" + HexFormat.of().formatHex(digest, 0, 6).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  public static String workflowId(String caseId) {
    return WORKFLOW_ID_PREFIX + caseId;
  }

  /** True for strings shaped like a case id; used to reject path input before it reaches Temporal. */
  public static boolean isCaseId(String value) {
    return value != null && value.matches("IR-[0-9A-F]{12}");
  }
}
