package org.irplaybooks.workflows.credentials.accesskey;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.playbook.IncidentWorkflow;
import org.irplaybooks.workflows.report.IncidentReport;

/**
 * Compromised IAM user access key: deactivate and deny at once, collect the key's CloudTrail trail,
 * then rotate and restore after an analyst approves.
 */
@WorkflowInterface
public interface AccessKeyCompromiseWorkflow extends IncidentWorkflow {

  @WorkflowMethod(name = "AccessKeyCompromise")
  IncidentReport run(IncidentRequest request);
}
