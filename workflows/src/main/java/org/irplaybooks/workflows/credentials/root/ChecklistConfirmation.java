package org.irplaybooks.workflows.credentials.root;

/**
 * An approver's confirmation of one recovery checklist item.
 *
 * @param item one of {@link RootAccountUsageWorkflowImpl#CHECKLIST}
 */
public record ChecklistConfirmation(String item, String approver, String note) {}
