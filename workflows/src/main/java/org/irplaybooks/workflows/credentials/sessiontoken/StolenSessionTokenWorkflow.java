package org.irplaybooks.workflows.credentials.sessiontoken;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.irplaybooks.workflows.incident.IncidentRequest;
import org.irplaybooks.workflows.playbook.IncidentWorkflow;
import org.irplaybooks.workflows.report.IncidentReport;

/**
 * Instance credentials used from elsewhere: revoke the role's older sessions, require IMDSv2 on the
 * source instance, collect what the stolen key did; after approval, keep the revocation until the
 * longest session the role allows has expired, then remove it.
 */
@WorkflowInterface
public interface StolenSessionTokenWorkflow extends IncidentWorkflow {

  @WorkflowMethod(name = "StolenSessionToken")
  IncidentReport run(IncidentRequest request);

  /**
   * Removes the session revocation now rather than when the role's longest session has expired.
   * Only heeded while recovery holds the revocation; recorded in the timeline.
   */
  @SignalMethod
  void liftSessionRevocation(LiftRevocationRequest request);
}
