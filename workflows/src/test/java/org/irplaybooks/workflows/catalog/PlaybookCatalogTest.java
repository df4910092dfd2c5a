package org.irplaybooks.workflows.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.incident.Subject;
import org.irplaybooks.workflows.mitre.MitreMap;
import org.irplaybooks.workflows.testing.PlaybookFixtures;
import org.junit.jupiter.api.Test;

class PlaybookCatalogTest {

  private static Finding withSubject(Finding f, Subject subject) {
    return new Finding(f.source(), f.findingId(), f.findingType(), f.severity(), f.accountId(), f.region(), f.title(),
        f.firstSeen(), f.lastSeen(), f.count(), subject, f.remoteIp(), f.apiCalls());
  }

  @Test
  void instanceCredentialExfiltration_goesToTheSessionTokenPlaybook() {
    Finding f = PlaybookFixtures.stolenSessionFinding(Severity.HIGH, null);
    assertThat(PlaybookCatalog.match(f).playbook()).isEqualTo(PlaybookCatalog.STOLEN_SESSION_TOKEN);
    assertThat(MitreMap.forFindingType(f.findingType())).extracting(t -> t.id())
        .containsExactly("T1552.005", "T1550.001", "T1078.004");
  }

  @Test
  void metadataDnsRebind_namingOnlyTheInstance_goesToTheSessionTokenPlaybook() {
    Finding base = PlaybookFixtures.stolenSessionFinding(Severity.HIGH, null);
    Finding f = new Finding(base.source(), base.findingId(), "UnauthorizedAccess:EC2/MetadataDNSRebind", base.severity(),
        base.accountId(), base.region(), base.title(), base.firstSeen(), base.lastSeen(), 1,
        new Subject(null, null, null, null, "Instance", "i-0abc1234def567890"), null, base.apiCalls());
    assertThat(PlaybookCatalog.match(f).playbook()).isEqualTo(PlaybookCatalog.STOLEN_SESSION_TOKEN);
    assertThat(MitreMap.forFindingType(f.findingType())).extracting(t -> t.id()).contains("T1552.005");
  }

  @Test
  void sessionTokenFinding_namingNeitherRoleNorInstance_isIgnoredWithAReason() {
    Finding f = withSubject(PlaybookFixtures.stolenSessionFinding(Severity.HIGH, null),
        new Subject(null, null, null, null, "AccessKey", null));
    CatalogMatch match = PlaybookCatalog.match(f);
    assertThat(match.playbook()).isNull();
    assertThat(match.ignoredReason()).contains("neither a role nor an instance");
  }

  @Test
  void everyPlaybook_hasAUniqueNameAndWorkflowType() {
    assertThat(PlaybookCatalog.all()).extracting(Playbook::name).doesNotHaveDuplicates();
    assertThat(PlaybookCatalog.all()).extracting(Playbook::workflowType).doesNotHaveDuplicates();
  }
}
