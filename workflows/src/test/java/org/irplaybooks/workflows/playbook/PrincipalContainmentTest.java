package org.irplaybooks.workflows.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrincipalContainmentTest {

  @Test
  void roleNameFromArn_readsRoleAndAssumedRoleArns() {
    assertThat(PrincipalContainment.roleNameFromArn("arn:aws:iam::123456789012:role/web-app")).isEqualTo("web-app");
    assertThat(PrincipalContainment.roleNameFromArn("arn:aws:iam::123456789012:role/service/web-app")).isEqualTo("web-app");
    assertThat(PrincipalContainment.roleNameFromArn("arn:aws:sts::123456789012:assumed-role/web-app/i-0abc"))
        .isEqualTo("web-app");
  }

  @Test
  void roleNameFromArn_answersNullForAnythingElse() {
    assertThat(PrincipalContainment.roleNameFromArn(null)).isNull();
    assertThat(PrincipalContainment.roleNameFromArn("arn:aws:iam::123456789012:user/alice")).isNull();
    assertThat(PrincipalContainment.roleNameFromArn("not an arn")).isNull();
    assertThat(PrincipalContainment.roleNameFromArn("arn:aws:sts::123456789012:assumed-role/")).isNull();
  }

  @Test
  void policyNames_areFixedByCase() {
    assertThat(PrincipalContainment.revokePolicyName("IR-0123456789AB")).isEqualTo("ir-playbooks-revoke-sessions-IR-0123456789AB");
    assertThat(PrincipalContainment.denyPolicyName("IR-0123456789AB")).isEqualTo("ir-playbooks-deny-all-IR-0123456789AB");
  }
}
