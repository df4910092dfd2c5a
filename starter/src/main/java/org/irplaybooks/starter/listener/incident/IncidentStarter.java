package org.irplaybooks.starter.listener.incident;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.irplaybooks.starter.listener.api.FindingResult;
import org.irplaybooks.workflows.catalog.Playbook;
import org.irplaybooks.workflows.catalog.PlaybookCatalog;
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.FindingObservation;
import org.irplaybooks.workflows.incident.IncidentIds;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.incident.Phase;
import org.irplaybooks.workflows.incident.ResponsePolicy;
import org.irplaybooks.workflows.playbook.IncidentSearchAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one incident per finding, or hands a repeated finding to its incident.
 *
 * <p>It is start-then-signal rather than signalWithStart on purpose: signalWithStart never says
 * whether it started anything, and the caller (and the 202 answer) must learn whether a new incident
 * was opened or an existing one got another observation. The id reuse policy REJECT_DUPLICATE also
 * keeps a closed incident closed: the same finding delivered after it closed does not reopen it.
 */
public class IncidentStarter {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentStarter.class);

  public static final String FINDING_OBSERVED_SIGNAL = "findingObserved";

  private final WorkflowClient client;
  private final String taskQueue;
  private final ResponsePolicy policy;
  private final Clock clock;

  public IncidentStarter(WorkflowClient client, String taskQueue, ResponsePolicy policy, Clock clock) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.policy = policy;
    this.clock = clock;
  }

  /** The policy the incidents this starter opens carry (the catalog asks it which accounts are trusted). */
  public ResponsePolicy policy() {
    return policy;
  }

  /** Starts the playbook for the finding, or signals the incident that already exists for it. */
  public FindingResult start(Finding finding, Playbook playbook) {
    String caseId = IncidentIds.caseId(finding.accountId(), PlaybookCatalog.incidentKey(finding, playbook));
    String workflowId = IncidentIds.workflowId(caseId);
    Instant now = clock.instant();
    WorkflowStub stub = client.newUntypedWorkflowStub(playbook.workflowType(), options(workflowId, caseId, finding, playbook));
    try {
      stub.start(new IncidentRequest(caseId, playbook.name(), finding, policy, now));
      LOG.info("started {} ({}) for {} finding {}", caseId, playbook.name(), finding.findingType(), finding.findingId());
      return result(caseId, workflowId, playbook, finding, FindingResult.STARTED, null);
    } catch (WorkflowExecutionAlreadyStarted e) {
      return observeAgain(caseId, workflowId, playbook, finding, now);
    }
  }

  private FindingResult observeAgain(String caseId, String workflowId, Playbook playbook, Finding finding, Instant now) {
    try {
      client.newUntypedWorkflowStub(workflowId).signal(FINDING_OBSERVED_SIGNAL, new FindingObservation(finding, now));
      LOG.info("{} already open for finding {}: observation signalled", caseId, finding.findingId());
      return result(caseId, workflowId, playbook, finding, FindingResult.DUPLICATE,
          "an incident exists for this finding; the delivery was added to it");
    } catch (WorkflowNotFoundException closed) {
      LOG.info("{} already closed; repeated finding {} not delivered", caseId, finding.findingId());
      return result(caseId, workflowId, playbook, finding, FindingResult.DUPLICATE,
          "the incident for this finding is closed; the delivery was not added to it");
    }
  }

  private WorkflowOptions options(String workflowId, String caseId, Finding finding, Playbook playbook) {
    String principal = finding.subject() == null ? "unknown" : finding.subject().displayName();
    SearchAttributes attributes = SearchAttributes.newBuilder()
        .set(IncidentSearchAttributes.CASE_ID, caseId)
        .set(IncidentSearchAttributes.SEVERITY, finding.severity().name())
        .set(IncidentSearchAttributes.FINDING_TYPE, finding.findingType())
        .set(IncidentSearchAttributes.PHASE, Phase.TRIAGE.name())
        .set(IncidentSearchAttributes.PRINCIPAL, principal)
        .set(IncidentSearchAttributes.ACCOUNT, finding.accountId())
        .set(IncidentSearchAttributes.PLAYBOOK, playbook.name())
        .build();
    String summary = finding.severity() + " " + finding.findingType() + " on " + principal
        + " in " + finding.accountId() + "/" + finding.region();
    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put("title", finding.title());
    memo.put("summary", summary);
    return WorkflowOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setWorkflowId(workflowId)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setTypedSearchAttributes(attributes)
        .setMemo(memo)
        .setStaticSummary(caseId + ": " + summary)
        .setStaticDetails("**" + playbook.title() + "**\n\n"
            + "- finding: `" + finding.findingId() + "` (" + finding.source() + ")\n"
            + "- title: " + finding.title() + "\n"
            + "- first seen: " + finding.firstSeen())
        .build();
  }

  private static FindingResult result(
      String caseId, String workflowId, Playbook playbook, Finding finding, String status, String reason) {
    return new FindingResult(caseId, workflowId, playbook.name(), finding.findingId(), finding.findingType(), status, reason);
  }
}
