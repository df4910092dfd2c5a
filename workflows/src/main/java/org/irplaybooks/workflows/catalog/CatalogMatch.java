package org.irplaybooks.workflows.catalog;

import java.util.Optional;

/** The catalog's answer for one finding: a playbook, or the reason none handles it. */
public record CatalogMatch(Playbook playbook, String ignoredReason) {

  public static CatalogMatch of(Playbook playbook) {
    return new CatalogMatch(playbook, null);
  }

  public static CatalogMatch ignored(String reason) {
    return new CatalogMatch(null, reason);
  }

  public Optional<Playbook> asOptional() {
    return Optional.ofNullable(playbook);
  }
}
