package org.irplaybooks.activities.evidence;

import org.irplaybooks.workflows.incident.EvidenceItem;
import org.irplaybooks.workflows.ports.EvidenceActivities;

/** {@link EvidenceActivities} on the evidence bucket, through {@link EvidenceStore}. */
public final class EvidenceActivitiesImpl implements EvidenceActivities {
  private final EvidenceStore store;

  public EvidenceActivitiesImpl(EvidenceStore store) {
    this.store = store;
  }

  @Override
  public EvidenceItem storeEvidence(StoreEvidenceRequest request) {
    return store.store(request.caseId(), request.name(), request.contentType(), request.content());
  }
}
