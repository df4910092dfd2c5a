package org.irplaybooks.workflows.incident;

/**
 * An analyst's approval, by signal or update.
 *
 * @param approver who approves: required, recorded in the report
 * @param deleteCompromisedKey recovery also deletes the compromised access key (it is otherwise
 *     kept, inactive, for the investigation)
 */
public record ApprovalRequest(String approver, String comment, boolean deleteCompromisedKey) {}
