package org.irplaybooks.workflows.credentials.sessiontoken;

/** An approver's request to remove a role's session revocation before it would expire. */
public record LiftRevocationRequest(String approver, String reason) {}
