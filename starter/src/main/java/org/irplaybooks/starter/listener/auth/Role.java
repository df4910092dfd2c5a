package org.irplaybooks.starter.listener.auth;

import java.util.Set;

/** What an analyst may do: viewers read; approvers and admins also decide on incidents. */
public enum Role {
  VIEWER,
  APPROVER,
  ADMIN;

  /** True when any of the roles allows deciding (approve, reject, false positive). */
  public static boolean mayDecide(Set<Role> roles) {
    return roles.contains(APPROVER) || roles.contains(ADMIN);
  }
}
