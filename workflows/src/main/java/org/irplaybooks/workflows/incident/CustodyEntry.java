package org.irplaybooks.workflows.incident;

import java.time.Instant;

/**
 * One link of the chain of custody. {@code entryHash} is SHA-256 over the entry's other fields and
 * {@code previousHash}, so altering or removing any earlier entry breaks every later hash.
 */
public record CustodyEntry(
    int sequence,
    Instant at,
    String actor,
    String action,
    String artifact,
    String artifactSha256,
    String previousHash,
    String entryHash) {}
