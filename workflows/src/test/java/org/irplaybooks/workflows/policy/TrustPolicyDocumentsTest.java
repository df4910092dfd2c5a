package org.irplaybooks.workflows.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TrustPolicyDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FOREIGN = "999988887777";

  private static JsonNode tree(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void removesTheAccountFromAPrincipalList_andKeepsEverythingElse() throws Exception {
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Partners\",\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"arn:aws:iam::" + FOREIGN + ":role/x\"]},"
        + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"abc\"}}},"
        + "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    JsonNode edited = tree(TrustPolicyDocuments.withoutAccount(trust, FOREIGN));

    JsonNode expected = tree(trust);
    ((com.fasterxml.jackson.databind.node.ObjectNode) expected.path("Statement").path(0).path("Principal"))
        .put("AWS", "arn:aws:iam::111122223333:root");
    assertThat(edited).isEqualTo(expected);
  }

  @Test
  void removesAStatementWhoseOnlyPrincipalWasTheAccount() throws Exception {
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + FOREIGN
        + "\"},\"Action\":\"sts:AssumeRole\"},{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
        + "\"Action\":\"sts:AssumeRole\"}]}";
    JsonNode edited = tree(TrustPolicyDocuments.withoutAccount(trust, FOREIGN));
    assertThat(edited.path("Statement")).hasSize(1);
    assertThat(edited.path("Statement").path(0).path("Principal").path("Service").asText()).isEqualTo("lambda.amazonaws.com");
  }

  @Test
  void leavesADenyEveryoneStatement_whenNothingIsLeft() throws Exception {
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
        + FOREIGN + ":root\"},\"Action\":\"sts:AssumeRole\"}}";
    JsonNode edited = tree(TrustPolicyDocuments.withoutAccount(trust, FOREIGN));
    assertThat(edited.path("Statement")).hasSize(1);
    assertThat(edited.path("Statement").path(0).path("Effect").asText()).isEqualTo("Deny");
    assertThat(edited.path("Statement").path(0).path("Principal").path("AWS").asText()).isEqualTo("*");
  }

  @Test
  void answersNull_whenTheAccountIsNotNamed() {
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
        + "\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    assertThat(TrustPolicyDocuments.withoutAccount(trust, FOREIGN)).isNull();
  }

  @Test
  void aCraftedAccountValue_isRefused_notSplicedIn() {
    assertThatThrownBy(() -> TrustPolicyDocuments.withoutAccount("{}", "1\"}]}")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void accountOf_readsIdsAndArns() {
    assertThat(TrustPolicyDocuments.accountOf("arn:aws:sts::999988887777:assumed-role/r/s")).isEqualTo(FOREIGN);
    assertThat(TrustPolicyDocuments.accountOf(FOREIGN)).isEqualTo(FOREIGN);
    assertThat(TrustPolicyDocuments.accountOf("*")).isNull();
  }
}
