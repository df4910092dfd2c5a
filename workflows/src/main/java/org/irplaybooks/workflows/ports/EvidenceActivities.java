package org.irplaybooks.workflows.ports;

import io.temporal.activity.ActivityInterface;
import org.irplaybooks.workflows.incident.EvidenceItem;

/** The evidence bucket: write-once, hashed, encrypted artifacts under {@code cases/{caseId}/}. */
@ActivityInterface
public interface EvidenceActivities {

  /**
   * @param name path of the artifact within the case; letters, digits, {@code - _ . /} only
   * @param content the artifact's text (JSON, Markdown, plain text)
   */
  record StoreEvidenceRequest(String caseId, String name, String contentType, String content) {}

  /**
   * Stores an artifact with its SHA-256 (checked by S3 on upload). An object already stored under
   * the same key with the same hash is answered as it is, so a retry writes nothing new.
   */
  EvidenceItem storeEvidence(StoreEvidenceRequest request);
}
