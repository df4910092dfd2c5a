package org.irplaybooks.workflows.playbook;

/** The default task queue; configurable in the worker's and listener's YAML. */
public final class TaskQueues {
  public static final String DEFAULT = "ir-playbooks";

  private TaskQueues() {}
}
