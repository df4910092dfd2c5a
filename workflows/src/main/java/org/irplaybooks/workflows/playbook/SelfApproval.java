package org.irplaybooks.workflows.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.irplaybooks.workflows.incident.Subject;

/**
 * Nobody decides on an incident about themselves: the principal being contained could otherwise
 * approve its own recovery or roll its own containment back. The check runs in the listener, with
 * the analyst's configured AWS principals, and again in the playbook's validators, so a direct
 * Temporal update or signal cannot skip it.
 */
public final class SelfApproval {
  private SelfApproval() {}

  /**
   * True when the analyst (by name or by any of the AWS principals given) is the finding's subject:
   * its IAM user name, its principal ARN, or the user named at the end of an IAM user ARN.
   * IAM user names are unique without regard to case, so the comparison ignores case.
   */
  public static boolean isSubject(Subject subject, String analyst, List<String> principals) {
    if (subject == null) return false;
    List<String> theirs = new ArrayList<>();
    if (subject.userName() != null) theirs.add(subject.userName());
    if (subject.principalArn() != null) {
      theirs.add(subject.principalArn());
      userOfArn(subject.principalArn()).ifPresent(theirs::add);
    }
    List<String> ours = new ArrayList<>();
    if (analyst != null) ours.add(analyst);
    if (principals != null) {
      for (String p : principals) {
        if (p == null) continue;
        ours.add(p);
        userOfArn(p).ifPresent(ours::add);
      }
    }
    for (String a : ours) {
      String mine = a.trim().toLowerCase(Locale.ROOT);
      if (mine.isEmpty()) continue;
      for (String b : theirs) {
        if (mine.equals(b.trim().toLowerCase(Locale.ROOT))) return true;
      }
    }
    return false;
  }

  /** The user name of {@code arn:aws:iam::123456789012:user/path/name}, if it is one. */
  private static java.util.Optional<String> userOfArn(String arn) {
    int marker = arn.indexOf(":user/");
    if (!arn.startsWith("arn:") || marker < 0) return java.util.Optional.empty();
    String rest = arn.substring(marker + ":user/".length());
    String name = rest.substring(rest.lastIndexOf('/') + 1);
    return name.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(name);
  }
}
