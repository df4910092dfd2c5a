package org.irplaybooks.workflows.playbook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.irplaybooks.workflows.incident.CustodyEntry;

/**
 * The chain-of-custody record: who did what to which artifact, when. Each entry's hash covers the
 * previous entry's hash, so the record can be verified link by link. Pure computation, safe to run
 * in workflow code.
 */
public final class CustodyChain {
  /** The previous hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private final List<CustodyEntry> entries = new ArrayList<>();

  public CustodyEntry append(Instant at, String actor, String action, String artifact, String artifactSha256) {
    String previous = entries.isEmpty() ? GENESIS : entries.get(entries.size() - 1).entryHash();
    int sequence = entries.size() + 1;
    String hash = hash(sequence, at, actor, action, artifact, artifactSha256, previous);
    CustodyEntry entry = new CustodyEntry(sequence, at, actor, action, artifact, artifactSha256, previous, hash);
    entries.add(entry);
    return entry;
  }

  public List<CustodyEntry> entries() {
    return List.copyOf(entries);
  }

  public String head() {
    return entries.isEmpty() ? GENESIS : entries.get(entries.size() - 1).entryHash();
  }

  /** True when every entry's hash is right and links to the one before it. */
  public static boolean verify(List<CustodyEntry> chain) {
    String previous = GENESIS;
    for (int i = 0; i < chain.size(); i++) {
      CustodyEntry e = chain.get(i);
      if (e.sequence() != i + 1 || !e.previousHash().equals(previous)) return false;
      String expected = hash(e.sequence(), e.at(), e.actor(), e.action(), e.artifact(), e.artifactSha256(), previous);
      if (!expected.equals(e.entryHash())) return false;
      previous = e.entryHash();
    }
    return true;
  }

  static String hash(int sequence, Instant at, String actor, String action, String artifact,
      String artifactSha256, String previous) {
    // Unit separators keep fields apart, so no two different entries serialize alike.
    String canonical = String.join("\u001f", String.valueOf(sequence), String.valueOf(at),
        String.valueOf(actor), String.valueOf(action), String.valueOf(artifact),
        String.valueOf(artifactSha256), previous);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
