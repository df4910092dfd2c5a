package org.irplaybooks.workflows.ports;

import io.temporal.activity.ActivityInterface;
import java.util.Map;

/** The account's own credential posture (the root user's), which the IAM API can read but not change. */
@ActivityInterface
public interface AccountActivities {

  record AccountRef(String accountId) {}

  /**
   * @param rootAccessKeysPresent {@code AccountAccessKeysPresent}: the root user has access keys
   * @param rootMfaEnabled {@code AccountMFAEnabled}: the root user has MFA
   * @param summary every {@code GetAccountSummary} entry, as IAM answers it
   */
  record AccountPosture(String accountId, boolean rootAccessKeysPresent, boolean rootMfaEnabled,
      Map<String, Integer> summary) {}

  /** {@code GetAccountSummary} of the account. Read-only. */
  AccountPosture describeAccountPosture(AccountRef account);
}
