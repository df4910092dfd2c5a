package org.irplaybooks.workflows.catalog;

/**
 * A playbook as the catalog knows it.
 *
 * @param name stable catalog name, used in the API, the reports and the {@code IrPlaybook} search
 *     attribute
 * @param workflowType the Temporal workflow type that runs it
 */
public record Playbook(String name, String workflowType, String title) {}
