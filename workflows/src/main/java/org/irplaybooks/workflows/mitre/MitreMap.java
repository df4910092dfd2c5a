package org.irplaybooks.workflows.mitre;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one home of the ATT&amp;CK mapping: finding types and API calls to techniques. Pure data, so
 * workflows may call it during replay.
 */
public final class MitreMap {
  public static final MitreTechnique VALID_CLOUD_ACCOUNTS =
      t("T1078.004", "Valid Accounts: Cloud Accounts", "Initial Access");
  public static final MitreTechnique UNSECURED_CREDENTIALS =
      t("T1552", "Unsecured Credentials", "Credential Access");
  public static final MitreTechnique CLOUD_INSTANCE_METADATA =
      t("T1552.005", "Unsecured Credentials: Cloud Instance Metadata API", "Credential Access");
  public static final MitreTechnique APPLICATION_ACCESS_TOKEN =
      t("T1550.001", "Use Alternate Authentication Material: Application Access Token", "Defense Evasion");
  public static final MitreTechnique TRUSTED_RELATIONSHIP = t("T1199", "Trusted Relationship", "Initial Access");
  public static final MitreTechnique ADDITIONAL_CLOUD_CREDENTIALS =
      t("T1098.001", "Account Manipulation: Additional Cloud Credentials", "Persistence");
  public static final MitreTechnique ADDITIONAL_CLOUD_ROLES =
      t("T1098.003", "Account Manipulation: Additional Cloud Roles", "Privilege Escalation");
  public static final MitreTechnique CREATE_CLOUD_ACCOUNT =
      t("T1136.003", "Create Account: Cloud Account", "Persistence");
  public static final MitreTechnique CLOUD_INFRA_DISCOVERY =
      t("T1580", "Cloud Infrastructure Discovery", "Discovery");
  public static final MitreTechnique CLOUD_SERVICE_DISCOVERY =
      t("T1526", "Cloud Service Discovery", "Discovery");
  public static final MitreTechnique CLOUD_ACCOUNT_DISCOVERY =
      t("T1087.004", "Account Discovery: Cloud Account", "Discovery");
  public static final MitreTechnique PERMISSION_GROUPS_DISCOVERY =
      t("T1069.003", "Permission Groups Discovery: Cloud Groups", "Discovery");
  public static final MitreTechnique CLOUD_STORAGE_DATA =
      t("T1530", "Data from Cloud Storage", "Collection");
  public static final MitreTechnique TRANSFER_TO_CLOUD_ACCOUNT =
      t("T1537", "Transfer Data to Cloud Account", "Exfiltration");
  public static final MitreTechnique RESOURCE_HIJACKING =
      t("T1496", "Resource Hijacking", "Impact");
  public static final MitreTechnique CREATE_CLOUD_INSTANCE =
      t("T1578.002", "Modify Cloud Compute Infrastructure: Create Cloud Instance", "Defense Evasion");
  public static final MitreTechnique DISABLE_CLOUD_LOGS =
      t("T1562.008", "Impair Defenses: Disable or Modify Cloud Logs", "Defense Evasion");
  public static final MitreTechnique DISABLE_TOOLS =
      t("T1562.001", "Impair Defenses: Disable or Modify Tools", "Defense Evasion");
  public static final MitreTechnique BRUTE_FORCE = t("T1110", "Brute Force", "Credential Access");
  public static final MitreTechnique MODIFY_AUTH_PROCESS_MFA =
      t("T1556.006", "Modify Authentication Process: Multi-Factor Authentication", "Credential Access");
  public static final MitreTechnique DATA_DESTRUCTION = t("T1485", "Data Destruction", "Impact");
  public static final MitreTechnique SECRETS_FROM_STORE =
      t("T1555.006", "Credentials from Password Stores: Cloud Secrets Management Stores", "Credential Access");

  private static final Map<String, MitreTechnique> BY_API_CALL = new LinkedHashMap<>();
  private static final Map<String, MitreTechnique> BY_API_PREFIX = new LinkedHashMap<>();
  private static final Map<String, List<MitreTechnique>> BY_FINDING_PREFIX = new LinkedHashMap<>();

  static {
    for (String api : List.of("CreateAccessKey", "UpdateAccessKey", "CreateLoginProfile", "UpdateLoginProfile")) {
      BY_API_CALL.put(api, ADDITIONAL_CLOUD_CREDENTIALS);
    }
    for (String api : List.of("AttachUserPolicy", "AttachRolePolicy", "AttachGroupPolicy", "PutUserPolicy",
        "PutRolePolicy", "PutGroupPolicy", "CreatePolicyVersion", "SetDefaultPolicyVersion",
        "AddUserToGroup", "UpdateAssumeRolePolicy")) {
      BY_API_CALL.put(api, ADDITIONAL_CLOUD_ROLES);
    }
    BY_API_CALL.put("CreateUser", CREATE_CLOUD_ACCOUNT);
    BY_API_CALL.put("RunInstances", CREATE_CLOUD_INSTANCE);
    BY_API_CALL.put("GetObject", CLOUD_STORAGE_DATA);
    BY_API_CALL.put("PutBucketPolicy", TRANSFER_TO_CLOUD_ACCOUNT);
    BY_API_CALL.put("PutBucketAcl", TRANSFER_TO_CLOUD_ACCOUNT);
    BY_API_CALL.put("ModifySnapshotAttribute", TRANSFER_TO_CLOUD_ACCOUNT);
    BY_API_CALL.put("GetSecretValue", SECRETS_FROM_STORE);
    BY_API_CALL.put("ListUsers", CLOUD_ACCOUNT_DISCOVERY);
    BY_API_CALL.put("ListRoles", CLOUD_ACCOUNT_DISCOVERY);
    BY_API_CALL.put("GetAccountAuthorizationDetails", CLOUD_ACCOUNT_DISCOVERY);
    BY_API_CALL.put("ListGroups", PERMISSION_GROUPS_DISCOVERY);
    BY_API_CALL.put("ListAttachedUserPolicies", PERMISSION_GROUPS_DISCOVERY);
    BY_API_CALL.put("ListBuckets", CLOUD_INFRA_DISCOVERY);
    BY_API_CALL.put("GetCallerIdentity", CLOUD_SERVICE_DISCOVERY);
    for (String api : List.of("StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors")) {
      BY_API_CALL.put(api, DISABLE_CLOUD_LOGS);
    }
    for (String api : List.of("UpdateDetector", "DeleteDetector", "DisassociateFromAdministratorAccount",
        "DisableSecurityHub", "BatchDisableStandards", "StopConfigurationRecorder",
        "DeleteConfigurationRecorder", "DeleteDeliveryChannel")) {
      BY_API_CALL.put(api, DISABLE_TOOLS);
    }
    for (String api : List.of("DeactivateMFADevice", "DeleteVirtualMFADevice", "CreateVirtualMFADevice")) {
      BY_API_CALL.put(api, MODIFY_AUTH_PROCESS_MFA);
    }
    BY_API_CALL.put("ConsoleLogin", VALID_CLOUD_ACCOUNTS);
    // Chaining into further roles with the credentials at hand: lateral movement by valid accounts.
    BY_API_CALL.put("AssumeRole", VALID_CLOUD_ACCOUNTS);
    BY_API_CALL.put("DeleteBucket", DATA_DESTRUCTION);
    BY_API_CALL.put("TerminateInstances", DATA_DESTRUCTION);
    // Read-only enumeration that no single name above covers.
    BY_API_PREFIX.put("Describe", CLOUD_INFRA_DISCOVERY);
    BY_API_PREFIX.put("List", CLOUD_SERVICE_DISCOVERY);
    BY_API_PREFIX.put("Get", CLOUD_SERVICE_DISCOVERY);

    BY_FINDING_PREFIX.put("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration",
        List.of(CLOUD_INSTANCE_METADATA, APPLICATION_ACCESS_TOKEN, VALID_CLOUD_ACCOUNTS));
    BY_FINDING_PREFIX.put("UnauthorizedAccess:EC2/MetadataDNSRebind",
        List.of(CLOUD_INSTANCE_METADATA, APPLICATION_ACCESS_TOKEN));
    BY_FINDING_PREFIX.put("CloudTrail:ConsoleLogin", List.of(VALID_CLOUD_ACCOUNTS));
    BY_FINDING_PREFIX.put("CloudTrail:AssumeRole", List.of(VALID_CLOUD_ACCOUNTS, TRUSTED_RELATIONSHIP,
        ADDITIONAL_CLOUD_ROLES));
    BY_FINDING_PREFIX.put("UnauthorizedAccess:IAMUser/ConsoleLogin", List.of(VALID_CLOUD_ACCOUNTS, BRUTE_FORCE));
    BY_FINDING_PREFIX.put("UnauthorizedAccess:IAMUser/", List.of(VALID_CLOUD_ACCOUNTS, UNSECURED_CREDENTIALS));
    BY_FINDING_PREFIX.put("CredentialAccess:IAMUser/", List.of(VALID_CLOUD_ACCOUNTS, UNSECURED_CREDENTIALS));
    BY_FINDING_PREFIX.put("InitialAccess:IAMUser/", List.of(VALID_CLOUD_ACCOUNTS, UNSECURED_CREDENTIALS));
    BY_FINDING_PREFIX.put("PenTest:IAMUser/", List.of(VALID_CLOUD_ACCOUNTS, UNSECURED_CREDENTIALS));
    BY_FINDING_PREFIX.put("AttackSequence:IAM/", List.of(VALID_CLOUD_ACCOUNTS, UNSECURED_CREDENTIALS));
    BY_FINDING_PREFIX.put("AWS_RISK_CREDENTIALS_EXPOSED", List.of(UNSECURED_CREDENTIALS, VALID_CLOUD_ACCOUNTS));
    BY_FINDING_PREFIX.put("Policy:IAMUser/RootCredentialUsage", List.of(VALID_CLOUD_ACCOUNTS));
    BY_FINDING_PREFIX.put("CryptoCurrency:", List.of(RESOURCE_HIJACKING));
    BY_FINDING_PREFIX.put("Impact:EC2/BitcoinDomainRequest", List.of(RESOURCE_HIJACKING));
    BY_FINDING_PREFIX.put("Impact:Runtime/CryptoMinerExecuted", List.of(RESOURCE_HIJACKING));
    BY_FINDING_PREFIX.put("Exfiltration:S3/", List.of(CLOUD_STORAGE_DATA, TRANSFER_TO_CLOUD_ACCOUNT));
    BY_FINDING_PREFIX.put("Stealth:IAMUser/CloudTrailLoggingDisabled", List.of(DISABLE_CLOUD_LOGS));
    BY_FINDING_PREFIX.put("Discovery:", List.of(CLOUD_INFRA_DISCOVERY, CLOUD_ACCOUNT_DISCOVERY));
    BY_FINDING_PREFIX.put("Recon:", List.of(CLOUD_INFRA_DISCOVERY, CLOUD_ACCOUNT_DISCOVERY));
  }

  private MitreMap() {}

  private static MitreTechnique t(String id, String name, String tactic) {
    return new MitreTechnique(id, name, tactic);
  }

  /** The technique an API call (CloudTrail eventName) most likely serves, if any. */
  public static Optional<MitreTechnique> forApiCall(String eventName) {
    if (eventName == null || eventName.isBlank()) return Optional.empty();
    MitreTechnique exact = BY_API_CALL.get(eventName);
    if (exact != null) return Optional.of(exact);
    for (Map.Entry<String, MitreTechnique> e : BY_API_PREFIX.entrySet()) {
      if (eventName.startsWith(e.getKey())) return Optional.of(e.getValue());
    }
    return Optional.empty();
  }

  /** The techniques a finding type indicates, most specific prefix first; empty when unmapped. */
  public static List<MitreTechnique> forFindingType(String findingType) {
    if (findingType == null) return List.of();
    for (Map.Entry<String, List<MitreTechnique>> e : BY_FINDING_PREFIX.entrySet()) {
      if (findingType.startsWith(e.getKey())) return e.getValue();
    }
    return List.of();
  }

  /** Union of techniques in first-seen order, without repeats. */
  public static List<MitreTechnique> merge(List<MitreTechnique> first, List<MitreTechnique> second) {
    List<MitreTechnique> all = new ArrayList<>(first);
    for (MitreTechnique t : second) if (!all.contains(t)) all.add(t);
    return all;
  }

  /**
   * A call worth an analyst's eye: it maps to a technique beyond mere discovery (persistence,
   * privilege escalation, defense evasion, collection, impact), or it was denied, which in bursts is
   * how enumeration with stolen credentials looks.
   */
  public static boolean isSuspicious(String eventName, String errorCode) {
    if (errorCode != null && (errorCode.contains("AccessDenied") || errorCode.contains("UnauthorizedOperation"))) {
      return true;
    }
    return forApiCall(eventName).map(t -> !t.tactic().equals("Discovery")).orElse(false);
  }
}
