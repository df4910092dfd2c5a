package org.irplaybooks.starter.listener.auth;

import java.util.List;
import java.util.Set;

/**
 * An authenticated analyst, as the token filter found them.
 *
 * @param name recorded as the approver of every decision they take
 * @param awsPrincipals the AWS user names or ARNs they are known by: they never decide on an
 *     incident whose subject is one of these
 */
public record Analyst(String name, Set<Role> roles, List<String> awsPrincipals) {
  /** The request property the filter stores the analyst under. */
  public static final String PROPERTY = "org.irplaybooks.analyst";

  public Analyst {
    roles = Set.copyOf(roles);
    awsPrincipals = awsPrincipals == null ? List.of() : List.copyOf(awsPrincipals);
  }

  public boolean mayDecide() {
    return Role.mayDecide(roles);
  }
}
