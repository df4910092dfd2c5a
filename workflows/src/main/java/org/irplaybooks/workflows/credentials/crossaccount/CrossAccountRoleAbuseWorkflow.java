package org.irplaybooks.workflows.credentials.crossaccount;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.playbook.IncidentWorkflow;
import org.irplaybooks.workflows.report.IncidentReport;

/**
 * A role of ours assumed from an account the policy does not trust: save the trust policy, remove
 * the account from it, revoke the role's sessions; then find what the foreign sessions did and
 * whether they moved on into further roles.
 */
@WorkflowInterface
public interface CrossAccountRoleAbuseWorkflow extends IncidentWorkflow {

  @WorkflowMethod(name = "CrossAccountRoleAbuse")
  IncidentReport run(IncidentRequest request);
}
