package org.irplaybooks.workflows.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.irplaybooks.workflows.incident.Subject;
import org.junit.jupiter.api.Test;

class SelfApprovalTest {
  private static final Subject USER = new Subject("IAMUser", "arn:aws:iam::123456789012:user/ops/deployer",
      "deployer", "AKIAIOSFODNN7EXAMPLE", "AccessKey", null);

  @Test
  void analystNamedAsTheSubjectsUser_isTheSubject_ignoringCase() {
    assertThat(SelfApproval.isSubject(USER, "Deployer", List.of())).isTrue();
  }

  @Test
  void analystWithTheSubjectsArn_orAnotherArnOfTheSameUser_isTheSubject() {
    assertThat(SelfApproval.isSubject(USER, "alice", List.of("arn:aws:iam::123456789012:user/ops/deployer"))).isTrue();
    assertThat(SelfApproval.isSubject(USER, "alice", List.of("arn:aws:iam::123456789012:user/deployer"))).isTrue();
  }

  @Test
  void otherAnalyst_isNotTheSubject() {
    assertThat(SelfApproval.isSubject(USER, "alice", List.of("arn:aws:iam::123456789012:user/alice", "alice"))).isFalse();
    assertThat(SelfApproval.isSubject(USER, "alice", null)).isFalse();
  }

  @Test
  void resourceSubject_isNobody() {
    Subject instance = new Subject(null, null, null, null, "Instance", "i-0123456789abcdef0");
    assertThat(SelfApproval.isSubject(instance, "i-0123456789abcdef0", List.of())).isFalse();
    assertThat(SelfApproval.isSubject(null, "alice", List.of())).isFalse();
  }
}
