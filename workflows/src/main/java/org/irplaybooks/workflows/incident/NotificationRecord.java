package org.irplaybooks.workflows.incident;

import java.time.Instant;

/** A notification the playbook sent (or failed to send). */
public record NotificationRecord(
    String channel, String event, String target, boolean delivered, String detail, Instant at) {}
