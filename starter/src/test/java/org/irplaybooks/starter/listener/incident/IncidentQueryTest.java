package org.irplaybooks.starter.listener.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.irplaybooks.starter.listener.parsing.InvalidFieldException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IncidentQueryTest {

  @Test
  void noFilters_listsIncidentsOnly() {
    assertThat(IncidentQuery.parse(null, "", null, " ", null).toVisibilityQuery())
        .isEqualTo("WorkflowId STARTS_WITH \"incident-\"");
  }

  @Test
  void everyFilter_isAnEqualityOnItsSearchAttribute() {
    String query = IncidentQuery.parse("OPEN", "awaiting_recovery_approval", "critical", "access-key-compromise",
        "123456789012").toVisibilityQuery();

    assertThat(query).isEqualTo("WorkflowId STARTS_WITH \"incident-\" AND ExecutionStatus = \"Running\""
        + " AND IrPhase = \"AWAITING_RECOVERY_APPROVAL\" AND IrSeverity = \"CRITICAL\""
        + " AND IrPlaybook = \"access-key-compromise\" AND IrAccount = \"123456789012\"");
  }

  @Test
  void closed_isAnyStatusButRunning() {
    assertThat(IncidentQuery.parse("closed", null, null, null, null).toVisibilityQuery())
        .endsWith("AND ExecutionStatus != \"Running\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "severity|CRITICAL\" OR WorkflowId != \"x",
      "phase|CLOSED' OR 1=1",
      "playbook|access-key\" OR \"a\"=\"a",
      "playbook|Access Key",
      "account|12345678901x",
      "status|running"})
  void injectionOrUnknownValue_isRefusedNamingTheFilter(String filter, String value) {
    assertThatThrownBy(() -> IncidentQuery.parse(
        filter.equals("status") ? value : null, filter.equals("phase") ? value : null,
        filter.equals("severity") ? value : null, filter.equals("playbook") ? value : null,
        filter.equals("account") ? value : null))
        .isInstanceOf(InvalidFieldException.class)
        .satisfies(e -> assertThat(((InvalidFieldException) e).path()).isEqualTo(filter));
  }
}
