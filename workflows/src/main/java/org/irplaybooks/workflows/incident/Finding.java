package org.irplaybooks.workflows.incident;

import java.time.Instant;
import java.util.List;

/**
 * A finding as the listener normalized and validated it. It is what travels in workflow history,
 * so it carries only what playbooks and reports use, never the raw event.
 *
 * @param findingId the source's own id (GuardDuty finding id, ASFF Id, CloudTrail eventID…)
 * @param findingType the source's type, e.g. {@code UnauthorizedAccess:IAMUser/TorIPCaller}
 * @param title a one-line human title
 * @param firstSeen when the activity was first seen (detection time)
 * @param lastSeen when it was last seen
 * @param count how many times the source has seen it (GuardDuty {@code service.count})
 * @param remoteIp the caller's IP address, when the source names one
 * @param apiCalls API calls the source names (GuardDuty action api, CloudTrail eventName)
 */
public record Finding(
    FindingSource source,
    String findingId,
    String findingType,
    Severity severity,
    String accountId,
    String region,
    String title,
    Instant firstSeen,
    Instant lastSeen,
    long count,
    Subject subject,
    String remoteIp,
    List<String> apiCalls) {

  public Finding {
    apiCalls = apiCalls == null ? List.of() : List.copyOf(apiCalls);
  }
}
