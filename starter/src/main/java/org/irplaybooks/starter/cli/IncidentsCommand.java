package org.irplaybooks.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code irctl incidents …} and {@code irctl submit FILE}: the analyst API from a terminal. Tables
 * for people, {@code --json} for scripts, and exit codes that say what happened (see {@link #USAGE}).
 */
public final class IncidentsCommand {
  public static final int OK = 0;
  public static final int REFUSED = 1;
  public static final int USAGE_ERROR = 2;
  public static final int NOT_FOUND = 3;
  public static final int NOT_ALLOWED = 4;
  public static final int UNAVAILABLE = 5;
  public static final int WAIT_TIMED_OUT = 6;

  public static final String USAGE = """
      usage: irctl incidents list [--status open|closed] [--phase PHASE] [--severity SEVERITY]
                                  [--playbook NAME] [--account ID] [--limit N] [--json]
             irctl incidents show CASE [--json]
             irctl incidents approve CASE [--comment TEXT] [--delete-key] [--wait] [--json]
             irctl incidents reject CASE --comment TEXT [--wait] [--json]
             irctl incidents false-positive CASE --comment TEXT [--wait] [--json]
             irctl incidents report CASE [--format text|markdown|json]
             irctl submit FILE [--wait] [--json]       (an EventBridge event, or an array of them)

      environment:
        IR_LISTENER_URL      the listener (default http://127.0.0.1:8080)
        IR_ANALYST_TOKEN     your analyst token, for the incident commands
        IR_LISTENER_API_KEY  the ingestion key, for submit (header IR_LISTENER_API_KEY_HEADER, default x-api-key)
      options: --wait waits (printing progress) until the incident closes or waits for a person again;
               --timeout SECONDS bounds it (default 300).

      exit codes: 0 done; 1 refused (the incident or the listener said no); 2 usage; 3 no such incident;
                  4 not authenticated or not allowed; 5 listener or Temporal unavailable, or the
                  server cannot list; 6 --wait ran out of time
      """;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(500);

  private final ListenerClient client;
  private final PrintStream out;
  private final PrintStream err;

  public IncidentsCommand(ListenerClient client, PrintStream out, PrintStream err) {
    this.client = client;
    this.out = out;
    this.err = err;
  }

  /** A client for the listener named by the environment. */
  public static ListenerClient clientFromEnvironment(Map<String, String> env) {
    URI base = URI.create(env.getOrDefault("IR_LISTENER_URL", "http://127.0.0.1:8080"));
    return new ListenerClient(base, env.getOrDefault("IR_LISTENER_API_KEY_HEADER", "x-api-key"),
        env.get("IR_LISTENER_API_KEY"), env.get("IR_ANALYST_TOKEN"));
  }

  /** {@code irctl incidents ARGS}. */
  public int incidents(String[] args) {
    if (args.length == 0) return usage("irctl incidents needs a subcommand");
    Options o = Options.parse(Arrays.copyOfRange(args, 1, args.length));
    if (o.error != null) return usage(o.error);
    try {
      return switch (args[0]) {
        case "list" -> list(o);
        case "show" -> o.caseId == null ? usage("show needs a CASE") : show(o);
        case "approve" -> o.caseId == null ? usage("approve needs a CASE")
            : decided(o, client.approve(o.caseId, o.comment == null ? "" : o.comment, o.deleteKey));
        case "reject" -> o.caseId == null || o.comment == null ? usage("reject needs a CASE and --comment")
            : decided(o, client.reject(o.caseId, o.comment));
        case "false-positive" -> o.caseId == null || o.comment == null
            ? usage("false-positive needs a CASE and --comment") : decided(o, client.falsePositive(o.caseId, o.comment));
        case "report" -> o.caseId == null ? usage("report needs a CASE") : report(o);
        default -> usage("unknown subcommand '" + args[0] + "'");
      };
    } catch (UncheckedIOException e) {
      err.println("irctl: " + e.getMessage());
      return UNAVAILABLE;
    }
  }

  /** {@code irctl submit FILE}. */
  public int submit(String[] args) {
    Options o = Options.parse(args);
    if (o.error != null) return usage(o.error);
    if (o.caseId == null) return usage("submit needs a FILE");
    String body;
    try {
      body = Files.readString(Path.of(o.caseId));
    } catch (IOException e) {
      err.println("irctl: cannot read " + o.caseId + ": " + e.getMessage());
      return USAGE_ERROR;
    }
    ListenerClient.Answer answer;
    try {
      answer = client.postFindings(body);
    } catch (UncheckedIOException e) {
      err.println("irctl: " + e.getMessage());
      return UNAVAILABLE;
    }
    if (answer.status() != 202) return failed(answer);
    if (o.json) {
      out.println(answer.body().toPrettyString());
    } else {
      Table table = new Table("CASE", "STATUS", "PLAYBOOK", "FINDING TYPE", "REASON");
      for (JsonNode r : answer.body().path("results")) {
        table.row(text(r, "caseId"), text(r, "status"), text(r, "playbook"), text(r, "findingType"), text(r, "reason"));
      }
      table.print(out);
    }
    if (!o.wait) return OK;
    int code = OK;
    for (JsonNode r : answer.body().path("results")) {
      if (!"started".equals(r.path("status").asText())) continue;
      code = Math.max(code, awaitProgress(r.path("caseId").asText(), o.timeout,
          s -> s.hasNonNull("awaiting") || "CLOSED".equals(s.path("phase").asText())));
    }
    return code;
  }

  private int list(Options o) {
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("status", o.status);
    filters.put("phase", o.phase);
    filters.put("severity", o.severity);
    filters.put("playbook", o.playbook);
    filters.put("account", o.account);
    filters.put("limit", o.limit);
    ListenerClient.Answer answer = client.incidents(filters);
    if (answer.status() != 200) return failed(answer);
    if (o.json) {
      out.println(answer.body().toPrettyString());
      return OK;
    }
    Table table = new Table("CASE", "SEVERITY", "PHASE", "STATUS", "PLAYBOOK", "SUBJECT", "ACCOUNT", "STARTED");
    for (JsonNode i : answer.body().path("incidents")) {
      table.row(text(i, "caseId"), text(i, "severity"), text(i, "phase"), text(i, "status"), text(i, "playbook"),
          text(i, "principal"), text(i, "account"), text(i, "startedAt"));
    }
    if (table.isEmpty()) {
      out.println("no incidents match");
    } else {
      table.print(out);
    }
    if (answer.body().path("truncated").asBoolean()) err.println("(more incidents match; narrow the filters or raise --limit)");
    return OK;
  }

  private int show(Options o) {
    ListenerClient.Answer answer = client.incident(o.caseId);
    if (answer.status() != 200) return failed(answer);
    JsonNode s = answer.body();
    if (o.json) {
      out.println(s.toPrettyString());
      return OK;
    }
    JsonNode f = s.path("finding");
    out.println(text(s, "caseId") + "  " + text(f, "severity") + "  " + text(f, "findingType"));
    out.println("  title      " + text(f, "title"));
    out.println("  phase      " + text(s, "phase") + (s.hasNonNull("outcome") ? " (" + text(s, "outcome") + ")" : ""));
    out.println("  awaiting   " + text(s, "awaiting") + (s.hasNonNull("approvalDeadline") ? " until " + text(s, "approvalDeadline") : ""));
    out.println("  subject    " + text(f.path("subject"), "principalArn") + " " + text(f.path("subject"), "accessKeyId"));
    out.println("  account    " + text(f, "accountId") + " / " + text(f, "region"));
    out.println("  playbook   " + text(s, "playbook"));
    out.println();
    Table actions = new Table("#", "PHASE", "ACTION", "RESOURCE", "STATUS");
    for (JsonNode a : s.path("actions")) {
      actions.row(text(a, "id"), text(a, "phase"), text(a, "name"), text(a, "resource"), text(a, "status"));
    }
    if (!actions.isEmpty()) actions.print(out);
    Table decisions = new Table("DECISION", "STAGE", "BY", "AT", "COMMENT");
    for (JsonNode d : s.path("decisions")) {
      decisions.row(text(d, "kind"), text(d, "stage"), text(d, "by"), text(d, "at"), text(d, "comment"));
    }
    if (!decisions.isEmpty()) {
      out.println();
      decisions.print(out);
    }
    out.println();
    out.println("  evidence   " + s.path("evidence").size() + " object(s); techniques "
        + String.join(", ", s.path("techniques").findValuesAsText("id")));
    return OK;
  }

  private int report(Options o) {
    String type = switch (o.format) {
      case "markdown", "md" -> "text/markdown";
      case "json" -> "application/json";
      default -> "text/plain";
    };
    ListenerClient.Answer answer = client.report(o.caseId, type);
    if (answer.status() != 200) return failed(answer);
    out.print(answer.text());
    if (!answer.text().endsWith("\n")) out.println();
    return OK;
  }

  private int decided(Options o, ListenerClient.Answer answer) {
    if (answer.status() != 200 && answer.status() != 202) return failed(answer);
    JsonNode d = answer.body();
    if (o.json) {
      out.println(d.toPrettyString());
    } else {
      out.println(text(d, "caseId") + ": " + text(d, "decision") + " - " + text(d, "message"));
    }
    // A first approval of two leaves the incident waiting for the second analyst: nothing to wait for.
    if (!o.wait || d.path("decision").asText().startsWith("APPROVAL_")) return OK;
    String stage = d.path("stage").asText(null);
    return awaitProgress(o.caseId, o.timeout, s -> "CLOSED".equals(s.path("phase").asText())
        || (s.hasNonNull("awaiting") && !s.path("awaiting").asText().equals(stage)));
  }

  /** Polls the incident, printing each phase it enters, until the condition holds. */
  private int awaitProgress(String caseId, Duration timeout, Predicate<JsonNode> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastPhase = null;
    while (System.nanoTime() < deadline) {
      ListenerClient.Answer answer = client.incident(caseId);
      if (answer.status() != 200) return failed(answer);
      JsonNode s = answer.body();
      String phase = s.path("phase").asText();
      if (!phase.equals(lastPhase)) {
        err.println(caseId + ": " + phase + (s.hasNonNull("outcome") ? " (" + s.path("outcome").asText() + ")" : ""));
        lastPhase = phase;
      }
      if (done.test(s)) {
        if (s.hasNonNull("awaiting")) err.println(caseId + ": awaiting " + s.path("awaiting").asText());
        return OK;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return WAIT_TIMED_OUT;
      }
    }
    err.println(caseId + ": still " + lastPhase + " after " + timeout.toSeconds() + " s");
    return WAIT_TIMED_OUT;
  }

  /** Prints the listener's refusal and maps its status to an exit code. */
  private int failed(ListenerClient.Answer answer) {
    String message = answer.body() != null && answer.body().hasNonNull("error")
        ? answer.body().path("error").asText() : String.valueOf(answer.text());
    err.println("irctl: " + answer.status() + " " + message);
    int s = answer.status();
    if (s == 404) return NOT_FOUND;
    if (s == 401 || s == 403) return NOT_ALLOWED;
    if (s >= 500) return UNAVAILABLE;
    return REFUSED;
  }

  private int usage(String problem) {
    err.println("irctl: " + problem);
    err.print(USAGE);
    return USAGE_ERROR;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? "-" : v.asText();
  }

  /** Parsed options; the first bare word is the case id (or the file, for submit). */
  private static final class Options {
    String caseId;
    String comment;
    boolean deleteKey;
    boolean wait;
    boolean json;
    Duration timeout = Duration.ofSeconds(300);
    String status;
    String phase;
    String severity;
    String playbook;
    String account;
    String limit;
    String format = "text";
    String error;

    static Options parse(String[] args) {
      Options o = new Options();
      List<String> rest = new ArrayList<>(Arrays.asList(args));
      while (!rest.isEmpty()) {
        String a = rest.remove(0);
        switch (a) {
          case "--json" -> o.json = true;
          case "--wait" -> o.wait = true;
          case "--delete-key" -> o.deleteKey = true;
          case "--comment", "--status", "--phase", "--severity", "--playbook", "--account", "--limit", "--format", "--timeout" -> {
            if (rest.isEmpty()) {
              o.error = a + " needs a value";
              return o;
            }
            String v = rest.remove(0);
            switch (a) {
              case "--comment" -> o.comment = v;
              case "--status" -> o.status = v;
              case "--phase" -> o.phase = v;
              case "--severity" -> o.severity = v;
              case "--playbook" -> o.playbook = v;
              case "--account" -> o.account = v;
              case "--limit" -> o.limit = v;
              case "--format" -> o.format = v;
              default -> {
                try {
                  o.timeout = Duration.ofSeconds(Long.parseLong(v));
                } catch (NumberFormatException e) {
                  o.error = "--timeout needs a number of seconds, got " + v;
                  return o;
                }
              }
            }
          }
          default -> {
            if (a.startsWith("--")) {
              o.error = "unknown option " + a;
              return o;
            }
            if (o.caseId != null) {
              o.error = "unexpected argument " + a;
              return o;
            }
            o.caseId = a;
          }
        }
      }
      return o;
    }
  }
}
