package org.irplaybooks.starter.devstack;

import java.time.Instant;

/**
 * One CloudTrail event of the demo attacker, as plain data: what a CloudTrail {@code LookupEvents}
 * stub is seeded with (adapted to the stub's own types by whoever wires it). {@code errorCode} is
 * null for a call that succeeded.
 */
public record DemoTrailEvent(
    Instant eventTime,
    String eventName,
    String eventSource,
    String sourceIp,
    String userAgent,
    String errorCode,
    String accessKeyId,
    String userName) {

  public boolean failed() {
    return errorCode != null;
  }
}
