package org.irplaybooks.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.irplaybooks.starter.listener.parsing.Events;
import org.irplaybooks.starter.listener.support.ListenerHarness;
import org.irplaybooks.workflows.incident.IncidentIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code irctl incidents} and {@code irctl submit} against the listener on the in-memory Temporal. */
@Timeout(60)
class IncidentsCommandTest {
  /** Access-key incidents are keyed by the key (PlaybookCatalog.incidentKey), not the finding id. */
  private static final String CASE = IncidentIds.caseId("123456789012", "access-key/AKIAIOSFODNN7EXAMPLE");

  @TempDir Path dir;
  private ListenerHarness listener;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    listener = new ListenerHarness();
  }

  @AfterEach
  void stop() {
    listener.close();
  }

  private IncidentsCommand irctl(String token) {
    out.reset();
    err.reset();
    ListenerClient client = new ListenerClient(listener.uri("/"), "x-api-key", ListenerHarness.API_KEY, token);
    return new IncidentsCommand(client, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void submitted() throws Exception {
    Path file = dir.resolve("finding.json");
    Files.writeString(file, Events.text(Events.GUARDDUTY));
    assertThat(irctl(ListenerHarness.APPROVER_TOKEN).submit(new String[] {file.toString()})).as(err()).isZero();
  }

  @Test
  void submit_printsATableOfResults() throws Exception {
    submitted();

    assertThat(out()).startsWith("CASE").contains(CASE).contains("started").contains("access-key-compromise");
  }

  @Test
  void submit_ofAMissingFile_isAUsageError() {
    assertThat(irctl(ListenerHarness.APPROVER_TOKEN).submit(new String[] {dir.resolve("none.json").toString()}))
        .isEqualTo(IncidentsCommand.USAGE_ERROR);
    assertThat(err()).contains("cannot read");
  }

  @Test
  void show_printsTheIncident_andJsonForScripts() throws Exception {
    submitted();

    assertThat(irctl(ListenerHarness.VIEWER_TOKEN).incidents(new String[] {"show", CASE})).isZero();
    assertThat(out()).contains(CASE).contains("AWAITING_RECOVERY_APPROVAL").contains("access-key-compromise");
    assertThat(irctl(ListenerHarness.VIEWER_TOKEN).incidents(new String[] {"show", CASE, "--json"})).isZero();
    assertThat(new ObjectMapper().readTree(out()).path("caseId").asText()).isEqualTo(CASE);
  }

  @Test
  void approve_thenAgain_isRefusedWithExitCode1() throws Exception {
    submitted();

    assertThat(irctl(ListenerHarness.APPROVER_TOKEN).incidents(new String[] {"approve", CASE, "--comment", "ok"})).isZero();
    assertThat(out()).contains(CASE + ": APPROVED");
    assertThat(irctl(ListenerHarness.APPROVER_TOKEN).incidents(new String[] {"approve", CASE})).isEqualTo(IncidentsCommand.REFUSED);
    assertThat(err()).contains("409");
  }

  @Test
  void reject_withWait_reportsProgressUntilClosed() throws Exception {
    submitted();

    int code = irctl(ListenerHarness.APPROVER_TOKEN).incidents(new String[] {"reject", CASE, "--comment", "pentest", "--wait"});

    assertThat(code).as(err()).isZero();
    assertThat(out()).contains("REJECTED");
    assertThat(err()).contains(CASE + ": CLOSED (CONTAINED_RECOVERY_REJECTED)");
  }

  @Test
  void rejectWithoutComment_isAUsageError_unknownCase3_viewerDeciding4() throws Exception {
    submitted();

    assertThat(irctl(ListenerHarness.APPROVER_TOKEN).incidents(new String[] {"reject", CASE})).isEqualTo(IncidentsCommand.USAGE_ERROR);
    assertThat(irctl(ListenerHarness.APPROVER_TOKEN).incidents(new String[] {"show", "IR-000000000000"})).isEqualTo(IncidentsCommand.NOT_FOUND);
    assertThat(irctl(ListenerHarness.VIEWER_TOKEN).incidents(new String[] {"false-positive", CASE, "--comment", "x"}))
        .isEqualTo(IncidentsCommand.NOT_ALLOWED);
    assertThat(irctl("no-such-token-000000").incidents(new String[] {"show", CASE})).isEqualTo(IncidentsCommand.NOT_ALLOWED);
  }

  @Test
  void report_inMarkdown() throws Exception {
    submitted();

    assertThat(irctl(ListenerHarness.VIEWER_TOKEN).incidents(new String[] {"report", CASE, "--format", "markdown"})).isZero();
    assertThat(out()).startsWith("#").contains(CASE);
  }

  @Test
  void list_onTheTestServer_saysItCannotList_exit5() {
    assertThat(irctl(ListenerHarness.VIEWER_TOKEN).incidents(new String[] {"list", "--severity", "CRITICAL"}))
        .isEqualTo(IncidentsCommand.UNAVAILABLE);
    assertThat(err()).contains("501").contains("cannot list workflows");
  }

  @Test
  void unreachableListener_isExit5() {
    ListenerClient nowhere = new ListenerClient(URI.create("http://127.0.0.1:1/"), "x-api-key", null, "t");
    int code = new IncidentsCommand(nowhere, new PrintStream(out), new PrintStream(err)).incidents(new String[] {"show", CASE});

    assertThat(code).isEqualTo(IncidentsCommand.UNAVAILABLE);
    assertThat(err()).contains("did not answer");
  }
}
