package org.irplaybooks.workflows.credentials.root;

import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.playbook.IncidentWorkflow;
import org.irplaybooks.workflows.report.IncidentReport;

/**
 * The root user's credentials were used. Root cannot be disabled through the IAM API, so the
 * playbook pages at once, captures the account's credential posture and root's activity, and after
 * approval waits for the approver to confirm a recovery checklist item by item.
 */
@WorkflowInterface
public interface RootAccountUsageWorkflow extends IncidentWorkflow {

  @WorkflowMethod(name = "RootAccountUsage")
  IncidentReport run(IncidentRequest request);

  /** Confirms one checklist item; answers the items still open. */
  @UpdateMethod
  List<String> confirmChecklistItem(ChecklistConfirmation confirmation);

  @UpdateValidatorMethod(updateName = "confirmChecklistItem")
  void validateConfirmChecklistItem(ChecklistConfirmation confirmation);
}
