package org.irplaybooks.workflows.credentials.accesskey;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irplaybooks.workflows.incident.ApprovalRequest;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.incident.Outcome;
import org.irplaybooks.workflows.mitre.MitreMap;
import org.irplaybooks.workflows.mitre.MitreTechnique;
import org.irplaybooks.workflows.playbook.ActivityDefaults;
import org.irplaybooks.workflows.playbook.PlaybookWorkflow;
import org.irplaybooks.workflows.playbook.PrincipalContainment;
import org.irplaybooks.workflows.policy.IamPolicyDocuments;
import org.irplaybooks.workflows.ports.CloudTrailActivities;
import org.irplaybooks.workflows.ports.CloudTrailActivities.ActivityLog;
import org.irplaybooks.workflows.ports.CloudTrailActivities.ApiEvent;
import org.irplaybooks.workflows.ports.IamCredentialActivities;
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
import org.irplaybooks.workflows.report.ReportRenderer;

/**
 * Containment: capture the user's posture, deactivate the key (never delete it), deny everything,
 * remove the console password, revoke older sessions, tag the user. Investigation: the key's
 * CloudTrail events mapped to ATT&amp;CK. Recovery after approval: a new key whose secret only
 * Secrets Manager holds, the deny removed, MFA enforced, the old key deleted only on request.
 */
public class AccessKeyCompromiseWorkflowImpl extends PlaybookWorkflow implements AccessKeyCompromiseWorkflow {
  static final String TAG_CASE = PrincipalContainment.TAG_CASE;
  static final String TAG_STATUS = PrincipalContainment.TAG_STATUS;
  /** Events are read from this long before the finding was first seen, to catch the lead-up. */
  static final Duration LOOKBACK = Duration.ofHours(1);
  static final int MAX_EVENTS = 500;
  static final String EXPOSED_TYPE = "AWS_RISK_CREDENTIALS_EXPOSED";
  /** The policies AWS attaches to a user whose key it found exposed (V1 to V3 have existed). */
  static final String AWS_QUARANTINE_PREFIX = "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantine";

  private final IamCredentialActivities iam =
      Workflow.newActivityStub(IamCredentialActivities.class, ActivityDefaults.AWS_CALL);
  private final CloudTrailActivities cloudTrail =
      Workflow.newActivityStub(CloudTrailActivities.class, ActivityDefaults.LOOKUP);
  private final PrincipalContainment containment = new PrincipalContainment(this);

  private final String account;
  private final String accessKeyId;
  private String userName;
  private UserCredentialState before;
  private Instant containmentStarted;

  @WorkflowInit
  public AccessKeyCompromiseWorkflowImpl(IncidentRequest request) {
    super(request);
    this.account = request.finding().accountId();
    this.accessKeyId = request.finding().subject().accessKeyId();
    this.userName = request.finding().subject().userName();
  }

  @Override
  public org.irplaybooks.workflows.report.IncidentReport run(IncidentRequest request) {
    return runPlaybook();
  }

  /** The investigation's evidence: the key's calls with their techniques (records keep field order). */
  record AttackerActivity(String accessKeyId, Instant windowStart, Instant windowEnd, boolean truncated,
      List<MappedEvent> events) {}

  record MappedEvent(Instant at, String eventName, String eventSource, String sourceIp, String errorCode,
      String technique, boolean suspicious) {}

  static String denyPolicyName(String caseId) {
    return PrincipalContainment.denyPolicyName(caseId);
  }

  static String revokePolicyName(String caseId) {
    return PrincipalContainment.revokePolicyName(caseId);
  }

  static String mfaPolicyName(String caseId) {
    return "ir-playbooks-require-mfa-" + caseId;
  }

  @Override
  protected void contain() {
    containmentStarted = now();
    String caseId = request.caseId();
    if (userName == null) {
      // Health events name only the key; the owner is looked up before anything else can be done.
      userName = step("Find the access key's owner", accessKeyId, null,
          () -> iam.findAccessKeyOwner(new AccessKeyRef(account, null, accessKeyId)), null).orElse(null);
      if (userName == null) return;
    }
    UserRef user = new UserRef(account, userName);

    before = step("Capture pre-containment state", "user/" + userName, null,
        () -> iam.describeUserCredentials(user), null).orElse(null);
    if (before != null) {
      storeEvidence("pre-containment/user-credentials.json", "application/json", ReportRenderer.toJson(before));
    }

    recordExposure();

    String previousStatus = before == null ? null : before.keyStatus(accessKeyId);
    boolean wasActive = "Active".equals(previousStatus);
    step("Deactivate access key", accessKeyId,
        wasActive ? "Set the key Active again" : "None: the key was not Active before (" + previousStatus + ")",
        () -> iam.setAccessKeyStatus(new KeyStatusRequest(account, userName, accessKeyId, "Inactive")),
        wasActive ? () -> iam.setAccessKeyStatus(new KeyStatusRequest(account, userName, accessKeyId, "Active")) : null);

    containment.containUser(account, userName, before, containmentStarted);
  }

  /** AWS's own quarantine policy on the user, as captured before containment; null when none. */
  private String awsQuarantine() {
    if (before == null) return null;
    return before.attachedPolicyArns().stream().filter(arn -> arn.startsWith(AWS_QUARANTINE_PREFIX))
        .findFirst().orElse(null);
  }

  /**
   * Says in the record what the exposure means: the key is public, and AWS may already have attached
   * its quarantine policy, which this playbook never removes (recovery says so, by name).
   */
  private void recordExposure() {
    if (EXPOSED_TYPE.equals(finding.findingType())) {
      timeline(now(), "aws-health", "Access key " + accessKeyId + " was found publicly exposed (AWS Health "
          + EXPOSED_TYPE + "): treat it as known to anyone", null, true);
    }
    String quarantine = awsQuarantine();
    if (quarantine != null) {
      timeline(now(), "aws", "AWS quarantine policy " + quarantine + " is attached to user " + userName, null, true);
      skip("Note AWS quarantine policy", "user/" + userName + "/" + quarantine,
          "attached by AWS before containment; left in place and never removed by this playbook");
    }
  }

  @Override
  protected void investigate() {
    Instant seen = finding.firstSeen() != null ? finding.firstSeen() : request.receivedAt();
    Instant start = seen.minus(LOOKBACK);
    Instant end = now();
    Optional<ActivityLog> events = step("Look up CloudTrail events of the key", accessKeyId, null,
        () -> cloudTrail.lookupEvents(new CloudTrailActivities.LookupRequest(request.caseId(), account,
            finding.region(), "AccessKeyId", accessKeyId, start, end, MAX_EVENTS)), null);
    if (events.isEmpty()) return;
    ActivityLog found = events.get();
    if (found.rawEvidence() != null) recordEvidence(found.rawEvidence(), "collected CloudTrail events");
    List<MitreTechnique> seenTechniques = new ArrayList<>();
    List<MappedEvent> mapped = new ArrayList<>();
    for (ApiEvent e : found.events()) {
      Optional<MitreTechnique> technique = MitreMap.forApiCall(e.eventName());
      technique.ifPresent(seenTechniques::add);
      boolean suspicious = MitreMap.isSuspicious(e.eventName(), e.errorCode());
      String what = e.eventName() + " on " + e.eventSource() + " from " + e.sourceIp()
          + (e.errorCode() == null ? "" : " (" + e.errorCode() + ")");
      timeline(e.at(), accessKeyId, what, technique.map(MitreTechnique::id).orElse(null), suspicious);
      mapped.add(new MappedEvent(e.at(), e.eventName(), e.eventSource(), e.sourceIp(), e.errorCode(),
          technique.map(MitreTechnique::id).orElse(null), suspicious));
    }
    addTechniques(seenTechniques);
    storeEvidence("investigation/attacker-activity.json", "application/json", ReportRenderer.toJson(
        new AttackerActivity(accessKeyId, start, end, found.truncated(), mapped)));
  }

  @Override
  protected void recover(ApprovalRequest approvedBy) {
    String caseId = request.caseId();
    if (userName == null) {
      skip("Recover credentials", accessKeyId, "the key's owner is unknown: recover by hand");
      return;
    }
    Instant recoveryStarted = now();
    UserRef user = new UserRef(account, userName);
    step("Create replacement access key", "user/" + userName, null,
        () -> iam.createReplacementAccessKey(new IssueCredentialRequest(caseId, account, userName, recoveryStarted))
            .secretArn(),
        null).ifPresent(arn -> timeline(now(), SYSTEM_ACTOR, "New key's secret stored in " + arn, null, false));

    String deny = denyPolicyName(caseId);
    step("Remove deny-all inline policy", "user/" + userName + "/policy/" + deny, null,
        () -> iam.deleteUserPolicy(new DeleteUserPolicyRequest(account, userName, deny)), null);

    if (before != null && before.loginProfile()) {
      step("Restore console access with a temporary password", "user/" + userName + "/login-profile", null,
          () -> iam.issueConsolePassword(new IssueCredentialRequest(caseId, account, userName, recoveryStarted)),
          null).map(IssuedCredential::secretArn)
          .ifPresent(arn -> timeline(now(), SYSTEM_ACTOR, "Temporary console password stored in " + arn, null, false));
    }

    if (before != null && !before.mfaDevices().isEmpty()) {
      skip("Enforce MFA", "user/" + userName, "the user has an MFA device");
    } else {
      String mfa = mfaPolicyName(caseId);
      step("Enforce MFA (deny without MFA)", "user/" + userName + "/policy/" + mfa, null,
          () -> iam.putUserPolicy(new PutUserPolicyRequest(account, userName, mfa, IamPolicyDocuments.requireMfa())),
          null);
    }

    if (approvedBy.deleteCompromisedKey()) {
      step("Delete compromised access key", accessKeyId, null,
          () -> iam.deleteAccessKey(new AccessKeyRef(account, userName, accessKeyId)), null);
    } else {
      skip("Delete compromised access key", accessKeyId, "kept inactive for the investigation (approver's choice)");
    }
    step("Tag user as recovered", "user/" + userName, null,
        () -> iam.tagUser(new TagUserRequest(account, userName, Map.of(TAG_CASE, caseId, TAG_STATUS, "recovered"))),
        null);
    // Kept on purpose: it only denies tokens issued before containment, which must stay dead.
    skip("Remove session revocation policy", revokePolicyName(caseId),
        "kept: it only denies sessions issued before containment");
    String quarantine = awsQuarantine();
    if (quarantine != null) {
      skip("Remove AWS quarantine policy", "user/" + userName + "/" + quarantine,
          "kept: AWS attached it; an analyst removes it deliberately once the review is done");
    }
  }

  @Override
  protected List<String> nextSteps(Outcome outcome) {
    List<String> steps = new ArrayList<>();
    switch (outcome) {
      case RECOVERED -> {
        steps.add("Hand the new access key (Secrets Manager) to the key's owner and retire the old one everywhere.");
        steps.add("Review the attacker activity in investigation/attacker-activity.json for resources created"
            + " or changed with the key (users, keys, policies, instances) and remove them.");
        steps.add(awsQuarantine() != null
            ? "AWS's quarantine policy " + awsQuarantine() + " is still attached to " + userName
                + ": remove it deliberately once the review is done."
            : "Check for AWS's own quarantine policy (AWSCompromisedKeyQuarantineV2) on the user and remove it"
                + " deliberately once the review is done.");
        if (EXPOSED_TYPE.equals(finding.findingType())) {
          steps.add("The key was public: find where it was published (repositories, paste sites, images) and"
              + " remove it there too.");
        }
      }
      case CONTAINED_RECOVERY_REJECTED, CONTAINED_RECOVERY_NOT_APPROVED -> {
        steps.add("The key stays inactive and the user denied: decide recovery by hand or reopen the incident.");
        steps.add("Review the attacker activity in the evidence before restoring any access.");
      }
      case FALSE_POSITIVE -> steps.add("Containment was rolled back; tune the detection that raised this finding.");
      case DISMISSED, NOT_CONTAINED_NO_DECISION ->
          steps.add("Nothing was contained: confirm the finding was benign, or contain by hand.");
    }
    steps.add("Verify the chain of custody (custody.json) before sharing evidence.");
    return steps;
  }
}
