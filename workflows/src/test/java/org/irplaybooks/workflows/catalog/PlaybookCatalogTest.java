package org.irplaybooks.workflows.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.ResponsePolicy;
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
  void assumeRoleFromAnUntrustedAccount_goesToTheCrossAccountPlaybook() {
    Finding f = PlaybookFixtures.assumeRoleFinding();
    assertThat(PlaybookCatalog.match(f).playbook()).isEqualTo(PlaybookCatalog.CROSS_ACCOUNT_ROLE_ABUSE);
    ResponsePolicy partnerTrusted = new ResponsePolicy(Duration.ofHours(1), Duration.ofHours(1),
        List.of(PlaybookFixtures.PARTNER_ACCOUNT));
    assertThat(PlaybookCatalog.match(f, partnerTrusted).playbook()).isEqualTo(PlaybookCatalog.CROSS_ACCOUNT_ROLE_ABUSE);
  }

  @Test
  void assumeRoleFromATrustedAccount_isIgnoredWithAReason() {
    ResponsePolicy trusted = new ResponsePolicy(Duration.ofHours(1), Duration.ofHours(1),
        List.of(PlaybookFixtures.FOREIGN_ACCOUNT));
    CatalogMatch match = PlaybookCatalog.match(PlaybookFixtures.assumeRoleFinding(), trusted);
    assertThat(match.playbook()).isNull();
    assertThat(match.ignoredReason()).contains("trusted account " + PlaybookFixtures.FOREIGN_ACCOUNT);
  }

  @Test
  void assumeRoleWithinTheAccount_orIntoAnotherAccountsRole_isIgnored() {
    Finding f = PlaybookFixtures.assumeRoleFinding();
    Subject s = f.subject();
    Finding sameAccount = withSubject(f, new Subject(s.principalType(),
        "arn:aws:sts::" + f.accountId() + ":assumed-role/ops/x", null, s.accessKeyId(), s.resourceType(), s.resourceId()));
    assertThat(PlaybookCatalog.match(sameAccount).ignoredReason()).contains("same account");
    Finding otherRole = withSubject(f, new Subject(s.principalType(), s.principalArn(), null, s.accessKeyId(),
        s.resourceType(), "arn:aws:iam::222233334444:role/theirs"));
    assertThat(PlaybookCatalog.match(otherRole).ignoredReason()).contains("names no role of account");
  }

  @Test
  void accessKeyIncidents_areKeyedByTheKey_otherIncidentsByTheFinding() {
    Finding guardDuty = PlaybookFixtures.accessKeyFinding(Severity.HIGH);
    Finding health = new Finding(org.irplaybooks.workflows.incident.FindingSource.AWS_HEALTH,
        "arn:aws:health:global::event/EXPOSED/1", "AWS_RISK_CREDENTIALS_EXPOSED", Severity.CRITICAL,
        guardDuty.accountId(), "us-east-1", "exposed", null, null, 1,
        new Subject(null, null, null, PlaybookFixtures.KEY, "AccessKey", null), null, List.of());
    assertThat(PlaybookCatalog.incidentKey(health, PlaybookCatalog.ACCESS_KEY_COMPROMISE))
        .isEqualTo(PlaybookCatalog.incidentKey(guardDuty, PlaybookCatalog.ACCESS_KEY_COMPROMISE))
        .isEqualTo("access-key/" + PlaybookFixtures.KEY);
    Finding stolen = PlaybookFixtures.stolenSessionFinding(Severity.HIGH, null);
    assertThat(PlaybookCatalog.incidentKey(stolen, PlaybookCatalog.STOLEN_SESSION_TOKEN)).isEqualTo(stolen.findingId());
  }

  @Test
  void rootUsage_fromGuardDutyOrAnyCloudTrailCallByRoot_goesToTheRootPlaybook() {
    Finding f = PlaybookFixtures.accessKeyFinding(Severity.LOW);
    Subject root = new Subject("Root", "arn:aws:iam::" + f.accountId() + ":root", "root", null, null, null);
    Finding guardDuty = new Finding(f.source(), f.findingId(), "Policy:IAMUser/RootCredentialUsage", Severity.LOW,
        f.accountId(), f.region(), f.title(), f.firstSeen(), f.lastSeen(), 1, root, null, List.of());
    Finding consoleLogin = new Finding(org.irplaybooks.workflows.incident.FindingSource.CONSOLE_SIGN_IN, "e1",
        "CloudTrail:ConsoleLogin", Severity.CRITICAL, f.accountId(), f.region(), "t", null, null, 1, root, null, List.of());
    Finding userLogin = new Finding(org.irplaybooks.workflows.incident.FindingSource.CONSOLE_SIGN_IN, "e2",
        "CloudTrail:ConsoleLogin", Severity.MEDIUM, f.accountId(), f.region(), "t", null, null, 1, f.subject(), null, List.of());
    assertThat(PlaybookCatalog.match(guardDuty).playbook()).isEqualTo(PlaybookCatalog.ROOT_ACCOUNT);
    assertThat(PlaybookCatalog.match(consoleLogin).playbook()).isEqualTo(PlaybookCatalog.ROOT_ACCOUNT);
    assertThat(PlaybookCatalog.match(userLogin).playbook()).isNull();
  }

  @Test
  void everyPlaybook_hasAUniqueNameAndWorkflowType() {
    assertThat(PlaybookCatalog.all()).extracting(Playbook::name).doesNotHaveDuplicates();
    assertThat(PlaybookCatalog.all()).extracting(Playbook::workflowType).doesNotHaveDuplicates();
  }
}
