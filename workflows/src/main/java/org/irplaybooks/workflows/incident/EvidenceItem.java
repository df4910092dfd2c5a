package org.irplaybooks.workflows.incident;

import java.time.Instant;

/**
 * An object written to the evidence bucket.
 *
 * @param name the artifact's name within the case, e.g. {@code pre-containment/user-state.json}
 * @param location {@code s3://bucket/cases/{caseId}/{name}}
 * @param sha256 hex SHA-256 of the object's bytes, computed before upload and checked by S3
 */
public record EvidenceItem(
    String name, String location, String sha256, long sizeBytes, String contentType, Instant storedAt) {}
