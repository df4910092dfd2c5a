package org.irplaybooks.workflows.playbook;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.irplaybooks.workflows.mitre.MitreMap;
import org.irplaybooks.workflows.mitre.MitreTechnique;
import org.irplaybooks.workflows.ports.CloudTrailActivities;
import org.irplaybooks.workflows.ports.CloudTrailActivities.ActivityLog;
import org.irplaybooks.workflows.ports.CloudTrailActivities.ApiEvent;
import org.irplaybooks.workflows.report.ReportRenderer;

/**
 * "What did this key or principal do", as a step of the calling playbook: CloudTrail events read,
 * the raw events recorded as evidence, each call put on the timeline with its ATT&amp;CK technique
 * and a suspicious flag, and the mapped list stored as evidence under the given name.
 */
public final class TrailInvestigation {
  /** At most this many events per lookup, to bound time and evidence size. */
  public static final int MAX_EVENTS = 500;

  /** One call with its technique; records keep field order in the evidence JSON. */
  public record MappedEvent(Instant at, String eventName, String eventSource, String sourceIp, String errorCode,
      String technique, boolean suspicious) {}

  public record MappedActivity(String lookedUpBy, String value, Instant windowStart, Instant windowEnd,
      boolean truncated, List<MappedEvent> events) {}

  private final PlaybookWorkflow playbook;
  private final CloudTrailActivities cloudTrail =
      Workflow.newActivityStub(CloudTrailActivities.class, ActivityDefaults.LOOKUP);

  public TrailInvestigation(PlaybookWorkflow playbook) {
    this.playbook = playbook;
  }

  /**
   * Looks up events by one LookupEvents attribute (AccessKeyId, ResourceName, Username…) in the
   * finding's account and region; empty when the lookup failed (the step records why).
   */
  public Optional<MappedActivity> lookUp(String stepName, String attribute, String value, Instant start, Instant end,
      String evidenceName) {
    String account = playbook.finding.accountId();
    String region = playbook.finding.region();
    Optional<ActivityLog> events = playbook.step(stepName, value, null,
        () -> cloudTrail.lookupEvents(new CloudTrailActivities.LookupRequest(playbook.request.caseId(), account,
            region, attribute, value, start, end, MAX_EVENTS)), null);
    if (events.isEmpty()) return Optional.empty();
    ActivityLog found = events.get();
    if (found.rawEvidence() != null) playbook.recordEvidence(found.rawEvidence(), "collected CloudTrail events");
    List<MitreTechnique> seen = new ArrayList<>();
    List<MappedEvent> mapped = new ArrayList<>();
    for (ApiEvent e : found.events()) {
      Optional<MitreTechnique> technique = MitreMap.forApiCall(e.eventName());
      technique.ifPresent(seen::add);
      boolean suspicious = MitreMap.isSuspicious(e.eventName(), e.errorCode());
      playbook.timeline(e.at(), value, e.eventName() + " on " + e.eventSource() + " from " + e.sourceIp()
          + (e.errorCode() == null ? "" : " (" + e.errorCode() + ")"),
          technique.map(MitreTechnique::id).orElse(null), suspicious);
      mapped.add(new MappedEvent(e.at(), e.eventName(), e.eventSource(), e.sourceIp(), e.errorCode(),
          technique.map(MitreTechnique::id).orElse(null), suspicious));
    }
    playbook.addTechniques(seen);
    MappedActivity activity = new MappedActivity(attribute, value, start, end, found.truncated(), List.copyOf(mapped));
    playbook.storeEvidence(evidenceName, "application/json", ReportRenderer.toJson(activity));
    return Optional.of(activity);
  }
}
