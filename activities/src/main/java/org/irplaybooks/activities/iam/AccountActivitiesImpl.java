package org.irplaybooks.activities.iam;

import java.util.Map;
import java.util.TreeMap;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.workflows.ports.AccountActivities;
import org.irplaybooks.workflows.ports.FailureType;

/** {@link AccountActivities} on IAM's {@code GetAccountSummary}. */
public final class AccountActivitiesImpl implements AccountActivities {
  private final AwsClientFactory clients;
  private final AwsErrorTranslator errors;

  public AccountActivitiesImpl(AwsClientFactory clients, AwsErrorTranslator errors) {
    this.clients = clients;
    this.errors = errors;
  }

  @Override
  public AccountPosture describeAccountPosture(AccountRef account) {
    String id = account.accountId();
    if (id != null && !id.matches("\\d{12}")) {
      throw AwsErrorTranslator.nonRetryable(FailureType.VALIDATION, "'" + id + "' is not an AWS account id");
    }
    Map<String, Integer> summary = errors.call("reading the account summary of " + id,
        () -> new TreeMap<>(clients.iam(id).getAccountSummary().summaryMapAsStrings()));
    return new AccountPosture(id, summary.getOrDefault("AccountAccessKeysPresent", 0) > 0,
        summary.getOrDefault("AccountMFAEnabled", 0) > 0, Map.copyOf(summary));
  }
}
