package org.irplaybooks.workflows.incident;

/** An analyst's rejection; the reason is required and goes into the report. */
public record RejectRequest(String approver, String reason) {}
