package org.irplaybooks.workflows.credentials.root;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irplaybooks.workflows.incident.ApprovalRequest;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.incident.Outcome;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.playbook.ActivityDefaults;
import org.irplaybooks.workflows.playbook.PlaybookWorkflow;
import org.irplaybooks.workflows.playbook.TrailInvestigation;
import org.irplaybooks.workflows.playbook.TrailInvestigation.MappedActivity;
import org.irplaybooks.workflows.playbook.TrailInvestigation.MappedEvent;
import org.irplaybooks.workflows.ports.AccountActivities;
import org.irplaybooks.workflows.ports.AccountActivities.AccountPosture;
import org.irplaybooks.workflows.ports.AccountActivities.AccountRef;
import org.irplaybooks.workflows.report.IncidentReport;
import org.irplaybooks.workflows.report.ReportRenderer;

/**
 * Root user usage. Always CRITICAL. "Containment" is what automation can honestly do: page at once
 * and capture the account's credential posture ({@code GetAccountSummary}: root access keys, root
 * MFA) as evidence. Investigation: root's CloudTrail activity, every change it made with its
 * technique. Recovery after approval: a checklist the approver confirms item by item (update
 * {@code confirmChecklistItem}), each confirmation recorded in the report; items left open when the
 * time runs out are reported as such.
 */
public class RootAccountUsageWorkflowImpl extends PlaybookWorkflow implements RootAccountUsageWorkflow {
  static final Duration LOOKBACK = Duration.ofHours(24);
  /** What a person must do about root, because no API can do it for them. */
  static final Map<String, String> CHECKLIST = checklist();

  private final AccountActivities accounts =
      Workflow.newActivityStub(AccountActivities.class, ActivityDefaults.AWS_CALL);
  private final TrailInvestigation trail = new TrailInvestigation(this);
  private final Map<String, ChecklistConfirmation> confirmed = new LinkedHashMap<>();
  private boolean checklistOpen;
  private AccountPosture posture;

  @WorkflowInit
  public RootAccountUsageWorkflowImpl(IncidentRequest request) {
    super(request);
  }

  private static Map<String, String> checklist() {
    Map<String, String> items = new LinkedHashMap<>();
    items.put("root-password-reset", "Root password reset");
    items.put("root-mfa-enabled", "Root MFA enabled (hardware key preferred)");
    items.put("root-access-keys-deleted", "Root access keys deleted");
    items.put("account-contacts-verified", "Account contacts (primary, security, billing) verified");
    return Map.copyOf(items);
  }

  private static List<String> itemOrder() {
    return List.of("root-password-reset", "root-mfa-enabled", "root-access-keys-deleted", "account-contacts-verified");
  }

  @Override
  public IncidentReport run(IncidentRequest request) {
    return runPlaybook();
  }

  @Override
  protected Severity severity() {
    return Severity.CRITICAL;
  }

  /** Root's changes in the window: the calls that were not mere reads, with their techniques. */
  record RootChanges(Instant windowStart, Instant windowEnd, List<MappedEvent> changes) {}

  @Override
  protected void contain() {
    notify("PAGE", "PAGE: root user credentials used in account " + finding.accountId(),
        "Case " + request.caseId() + ": " + finding.findingType() + " (" + finding.title() + "). Root cannot be"
            + " disabled by automation; confirm with the account owner now.");
    String account = finding.accountId();
    Optional<AccountPosture> captured = step("Capture the account's credential posture", "account/" + account, null,
        () -> accounts.describeAccountPosture(new AccountRef(account)), null);
    captured.ifPresent(p -> {
      posture = p;
      storeEvidence("pre-containment/account-summary.json", "application/json", ReportRenderer.toJson(p));
      if (p.rootAccessKeysPresent()) {
        timeline(now(), SYSTEM_ACTOR, "The root user has access keys", null, true);
      }
      if (!p.rootMfaEnabled()) {
        timeline(now(), SYSTEM_ACTOR, "The root user has no MFA", null, true);
      }
    });
    skip("Attach deny-all-except-break-glass SCP", "account/" + account,
        "not configured: no Organizations access for this deployment");
  }

  @Override
  protected void investigate() {
    Instant seen = finding.firstSeen() != null ? finding.firstSeen() : request.receivedAt();
    Instant start = seen.minus(LOOKBACK);
    Instant end = now();
    Optional<MappedActivity> activity = trail.lookUp("Look up the root user's CloudTrail activity", "Username", "root",
        start, end, "investigation/root-activity.json");
    activity.ifPresent(a -> {
      List<MappedEvent> changes = new ArrayList<>();
      for (MappedEvent e : a.events()) {
        if (!isRead(e.eventName())) changes.add(e);
      }
      storeEvidence("investigation/root-changes.json", "application/json",
          ReportRenderer.toJson(new RootChanges(start, end, changes)));
      timeline(now(), SYSTEM_ACTOR, "Root made " + changes.size() + " change(s) in the window", null, !changes.isEmpty());
    });
  }

  private static boolean isRead(String eventName) {
    return eventName.startsWith("Get") || eventName.startsWith("List") || eventName.startsWith("Describe")
        || eventName.startsWith("Lookup") || eventName.equals("ConsoleLogin");
  }

  @Override
  protected void recover(ApprovalRequest approvedBy) {
    checklistOpen = true;
    Duration timeout = request.policy().approvalTimeout();
    boolean done = Workflow.await(timeout, () -> confirmed.size() == CHECKLIST.size());
    checklistOpen = false;
    for (String item : itemOrder()) {
      ChecklistConfirmation c = confirmed.get(item);
      if (c != null) {
        step("Checklist: " + CHECKLIST.get(item), "confirmed by " + c.approver()
            + (c.note() == null || c.note().isBlank() ? "" : " (" + c.note() + ")"), null, () -> { }, null);
      } else {
        skip("Checklist: " + CHECKLIST.get(item), "account/" + finding.accountId(),
            "NOT confirmed within " + timeout + ": still open");
      }
    }
    if (!done) notify("ESCALATED", "Root checklist incomplete: " + request.caseId(),
        "Items still open: " + open());
  }

  private List<String> open() {
    List<String> open = new ArrayList<>();
    for (String item : itemOrder()) if (!confirmed.containsKey(item)) open.add(item);
    return open;
  }

  @Override
  public void validateConfirmChecklistItem(ChecklistConfirmation c) {
    if (!checklistOpen) throw new IllegalStateException("the recovery checklist is not open (phase " + state().phase() + ")");
    if (c == null || c.approver() == null || c.approver().isBlank()) throw new IllegalArgumentException("approver is required");
    if (c.item() == null || !CHECKLIST.containsKey(c.item())) {
      throw new IllegalArgumentException("unknown checklist item '" + (c == null ? null : c.item()) + "'; items: " + itemOrder());
    }
    if (confirmed.containsKey(c.item())) throw new IllegalStateException(c.item() + " is already confirmed");
  }

  @Override
  public List<String> confirmChecklistItem(ChecklistConfirmation c) {
    confirmed.put(c.item(), c);
    timeline(now(), c.approver(), "Checklist confirmed: " + CHECKLIST.get(c.item()), null, false);
    return open();
  }

  @Override
  protected List<String> nextSteps(Outcome outcome) {
    List<String> steps = new ArrayList<>();
    if (outcome == Outcome.RECOVERED && !open().isEmpty()) {
      steps.add("Checklist items still open: " + open() + ". Do them by hand and record it.");
    }
    if (posture != null && posture.rootAccessKeysPresent()) {
      steps.add("The root user had access keys when the incident began: make sure they are deleted.");
    }
    steps.add("Review investigation/root-changes.json: undo every change root made that nobody can account for.");
    steps.add("Verify the chain of custody (custody.json) before sharing evidence.");
    return steps;
  }
}
