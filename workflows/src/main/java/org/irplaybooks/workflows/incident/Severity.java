package org.irplaybooks.workflows.incident;

import java.util.Locale;

/** Normalized severity of a finding, whatever scale its source uses. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** GuardDuty's 0–10 scale: below 4 low, below 7 medium, below 9 high, otherwise critical. */
  public static Severity fromGuardDutyScore(double score) {
    if (Double.isNaN(score) || score < 0 || score > 10) {
      throw new IllegalArgumentException("GuardDuty severity must be between 0 and 10, got " + score);
    }
    if (score < 4) return LOW;
    if (score < 7) return MEDIUM;
    if (score < 9) return HIGH;
    return CRITICAL;
  }

  /** ASFF {@code Severity.Label}; INFORMATIONAL is treated as LOW so that it is still looked at. */
  public static Severity fromAsffLabel(String label) {
    if (label == null) throw new IllegalArgumentException("Severity.Label is missing");
    return switch (label.toUpperCase(Locale.ROOT)) {
      case "INFORMATIONAL", "LOW" -> LOW;
      case "MEDIUM" -> MEDIUM;
      case "HIGH" -> HIGH;
      case "CRITICAL" -> CRITICAL;
      default -> throw new IllegalArgumentException("unknown ASFF severity label '" + label + "'");
    };
  }

  /** The seed lab's routing: HIGH and CRITICAL are contained at once, lower ones wait for an analyst. */
  public boolean containsAutomatically() {
    return this == HIGH || this == CRITICAL;
  }
}
