package org.irplaybooks.starter.listener.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.irplaybooks.starter.listener.parsing.InvalidFieldException;
import org.irplaybooks.workflows.incident.Phase;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.playbook.IncidentSearchAttributes;

/**
 * The filters of {@code GET /v1/incidents}, turned into a Temporal visibility query. Every value is
 * checked against an enum or a strict pattern first, and the ones that pass cannot hold a quote or
 * a space, so nothing a caller sends can change the query's structure.
 *
 * @param status {@code open} (running) or {@code closed} (any other execution status), or null
 */
public record IncidentQuery(String status, Phase phase, Severity severity, String playbook, String account) {
  private static final Pattern PLAYBOOK = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

  /** Parses the query parameters; a value that breaks a rule is a 422 naming the parameter. */
  public static IncidentQuery parse(String status, String phase, String severity, String playbook, String account) {
    String s = blankToNull(status);
    if (s != null) {
      s = s.toLowerCase(Locale.ROOT);
      if (!s.equals("open") && !s.equals("closed")) throw new InvalidFieldException("status", "must be open or closed");
    }
    return new IncidentQuery(s, enumValue("phase", phase, Phase.class), enumValue("severity", severity, Severity.class),
        matching("playbook", playbook, PLAYBOOK, "must be a playbook name (lower-case letters, digits and -)"),
        matching("account", account, ACCOUNT, "must be a 12-digit AWS account id"));
  }

  /** The visibility query; incidents only (they all carry a case id search attribute). */
  public String toVisibilityQuery() {
    List<String> terms = new ArrayList<>();
    terms.add("WorkflowId STARTS_WITH \"incident-\"");
    if ("open".equals(status)) terms.add("ExecutionStatus = \"Running\"");
    if ("closed".equals(status)) terms.add("ExecutionStatus != \"Running\"");
    if (phase != null) terms.add(equalsTerm(IncidentSearchAttributes.PHASE.getName(), phase.name()));
    if (severity != null) terms.add(equalsTerm(IncidentSearchAttributes.SEVERITY.getName(), severity.name()));
    if (playbook != null) terms.add(equalsTerm(IncidentSearchAttributes.PLAYBOOK.getName(), playbook));
    if (account != null) terms.add(equalsTerm(IncidentSearchAttributes.ACCOUNT.getName(), account));
    return String.join(" AND ", terms);
  }

  private static String equalsTerm(String attribute, String checkedValue) {
    return attribute + " = \"" + checkedValue + "\"";
  }

  private static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
    String v = blankToNull(value);
    if (v == null) return null;
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v)) return e;
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) names.add(e.name());
    throw new InvalidFieldException(name, "must be one of " + String.join(", ", names));
  }

  private static String matching(String name, String value, Pattern pattern, String rule) {
    String v = blankToNull(value);
    if (v == null) return null;
    if (!pattern.matcher(v).matches()) throw new InvalidFieldException(name, rule);
    return v;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
