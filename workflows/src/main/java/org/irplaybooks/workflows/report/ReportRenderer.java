package org.irplaybooks.workflows.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Locale;
import org.irplaybooks.workflows.incident.ActionRecord;
import org.irplaybooks.workflows.incident.ActionStatus;
import org.irplaybooks.workflows.incident.Decision;
import org.irplaybooks.workflows.incident.EvidenceItem;
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.IncidentState;
import org.irplaybooks.workflows.incident.NotificationRecord;
import org.irplaybooks.workflows.incident.TimelineEntry;
import org.irplaybooks.workflows.mitre.MitreTechnique;

/**
 * Renders an incident report as text (what the pager-carrying analyst reads first), Markdown (for
 * tickets and wikis) and JSON (for machines). Pure functions of the report: safe in workflow code.
 */
public final class ReportRenderer {
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT);
  private static final String RULE = "=".repeat(64);

  private ReportRenderer() {}

  public static String text(IncidentReport report) {
    IncidentState s = report.incident();
    Finding f = s.finding();
    StringBuilder out = new StringBuilder();
    out.append(RULE).append('\n').append("INCIDENT RESPONSE REPORT\n").append(RULE).append('\n');
    line(out, "Case ID", s.caseId());
    line(out, "Playbook", s.playbook());
    line(out, "Severity", String.valueOf(f.severity()));
    line(out, "Finding type", f.findingType());
    line(out, "Finding id", f.findingId());
    line(out, "Source", String.valueOf(f.source()));
    line(out, "Account / region", f.accountId() + " / " + f.region());
    line(out, "Subject", subject(f));
    if (f.remoteIp() != null) line(out, "Remote IP", f.remoteIp());
    line(out, "Detection time", String.valueOf(f.firstSeen()));
    line(out, "Received", String.valueOf(s.receivedAt()));
    line(out, "Contained", s.containedAt() == null ? "not contained" : s.containedAt().toString());
    line(out, "Response time", report.responseSeconds() == null ? "n/a"
        : String.format(Locale.ROOT, "%.2f seconds", report.responseSeconds()));
    line(out, "Closed", String.valueOf(s.closedAt()));
    line(out, "Outcome", String.valueOf(s.outcome()));

    out.append("\nACTIONS\n");
    for (ActionRecord a : s.actions()) {
      out.append("  ").append(mark(a.status())).append(' ').append(a.name()).append(" [").append(a.phase())
          .append("] - ").append(a.resource());
      if (a.status() != ActionStatus.SUCCEEDED) out.append(" (").append(a.status()).append(')');
      out.append('\n');
      if (a.error() != null) out.append("       error: ").append(a.error()).append('\n');
      if (a.undo() != null) out.append("       undo: ").append(a.undo()).append('\n');
    }
    out.append("\nEVIDENCE\n");
    for (EvidenceItem e : s.evidence()) {
      out.append("  ").append(e.location()).append("\n       sha256: ").append(e.sha256()).append('\n');
    }
    if (!s.custody().isEmpty()) {
      out.append("  chain of custody: ").append(s.custody().size()).append(" entries, head ")
          .append(s.custody().get(s.custody().size() - 1).entryHash()).append('\n');
    }
    out.append("\nNOTIFICATIONS\n");
    for (NotificationRecord n : s.notifications()) {
      out.append("  ").append(n.delivered() ? "✅" : "❌").append(' ').append(n.channel()).append(' ')
          .append(n.event()).append(n.delivered() ? "" : " - " + n.detail()).append('\n');
    }
    out.append("\nMITRE ATT&CK TECHNIQUES\n");
    for (MitreTechnique t : s.techniques()) {
      out.append("  ").append(t.id()).append(' ').append(t.name()).append(" (").append(t.tactic()).append(")\n");
    }
    out.append("\nDECISIONS\n");
    if (s.decisions().isEmpty()) out.append("  none\n");
    for (Decision d : s.decisions()) {
      out.append("  ").append(d.at()).append(' ').append(d.kind()).append(" by ").append(d.by())
          .append(" (").append(d.stage()).append(", via ").append(d.via()).append(')')
          .append(d.comment() == null ? "" : ": " + d.comment()).append('\n');
    }
    out.append("\nTIMELINE\n");
    for (TimelineEntry t : s.timeline()) {
      out.append("  ").append(t.at()).append(t.suspicious() ? " ⚠ " : "   ").append(t.actor()).append(": ")
          .append(t.what()).append(t.technique() == null ? "" : " [" + t.technique() + "]").append('\n');
    }
    out.append("\nNEXT STEPS\n");
    for (String step : report.nextSteps()) out.append("  - ").append(step).append('\n');
    out.append(RULE).append('\n');
    return out.toString();
  }

  public static String markdown(IncidentReport report) {
    IncidentState s = report.incident();
    Finding f = s.finding();
    StringBuilder md = new StringBuilder();
    md.append("# Incident ").append(s.caseId()).append(": ").append(f.title() == null ? f.findingType() : cell(f.title()))
        .append("\n\n| | |\n|---|---|\n");
    row(md, "Playbook", s.playbook());
    row(md, "Severity", String.valueOf(f.severity()));
    row(md, "Finding", "`" + f.findingType() + "` (" + f.findingId() + ")");
    row(md, "Account / region", f.accountId() + " / " + f.region());
    row(md, "Subject", subject(f));
    row(md, "Detection time", String.valueOf(f.firstSeen()));
    row(md, "Contained", s.containedAt() == null ? "not contained" : s.containedAt().toString());
    row(md, "Response time", report.responseSeconds() == null ? "n/a"
        : String.format(Locale.ROOT, "%.2f s", report.responseSeconds()));
    row(md, "Outcome", "**" + s.outcome() + "**");
    md.append("\n## Actions\n\n| | Action | Phase | Resource | Undo / error |\n|---|---|---|---|---|\n");
    for (ActionRecord a : s.actions()) {
      md.append("| ").append(mark(a.status())).append(" | ").append(cell(a.name())).append(" | ").append(a.phase())
          .append(" | `").append(cell(a.resource())).append("` | ")
          .append(cell(a.error() != null ? a.error() : a.undo() == null ? "" : a.undo())).append(" |\n");
    }
    md.append("\n## Evidence\n\n| Object | SHA-256 |\n|---|---|\n");
    for (EvidenceItem e : s.evidence()) {
      md.append("| `").append(cell(e.location())).append("` | `").append(e.sha256()).append("` |\n");
    }
    md.append("\n## MITRE ATT&CK\n\n");
    for (MitreTechnique t : s.techniques()) {
      md.append("- **").append(t.id()).append("** ").append(t.name()).append(" (").append(t.tactic()).append(")\n");
    }
    md.append("\n## Decisions\n\n");
    if (s.decisions().isEmpty()) md.append("None.\n");
    for (Decision d : s.decisions()) {
      md.append("- ").append(d.at()).append(": ").append(d.kind()).append(" by ").append(cell(d.by()))
          .append(d.comment() == null ? "" : " — " + cell(d.comment())).append('\n');
    }
    md.append("\n## Timeline\n\n| Time | Actor | What | Technique |\n|---|---|---|---|\n");
    for (TimelineEntry t : s.timeline()) {
      md.append("| ").append(t.at()).append(" | ").append(cell(t.actor())).append(" | ")
          .append(t.suspicious() ? "⚠ " : "").append(cell(t.what())).append(" | ")
          .append(t.technique() == null ? "" : t.technique()).append(" |\n");
    }
    md.append("\n## Next steps\n\n");
    for (String step : report.nextSteps()) md.append("- ").append(step).append('\n');
    return md.toString();
  }

  public static String json(IncidentReport report) {
    return toJson(report);
  }

  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable as JSON: " + value.getClass().getName(), e);
    }
  }

  private static String subject(Finding f) {
    if (f.subject() == null) return "unknown";
    String key = f.subject().accessKeyId();
    return f.subject().displayName() + (key != null && !key.equals(f.subject().displayName()) ? " (" + key + ")" : "");
  }

  private static String mark(ActionStatus status) {
    return switch (status) {
      case SUCCEEDED -> "✅";
      case FAILED, COMPENSATION_FAILED -> "❌";
      case COMPENSATED -> "↩️";
      case SKIPPED -> "➖";
      case RUNNING -> "⏳";
    };
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format(Locale.ROOT, "%-18s %s\n", label + ":", value));
  }

  private static void row(StringBuilder md, String label, String value) {
    md.append("| ").append(label).append(" | ").append(cell(value)).append(" |\n");
  }

  /** Finding fields are attacker-influenced: keep them from breaking the table or adding markup. */
  private static String cell(String value) {
    if (value == null) return "";
    return value.replace("|", "\\|").replace("\n", " ").replace("\r", " ").replace("<", "&lt;");
  }

}
