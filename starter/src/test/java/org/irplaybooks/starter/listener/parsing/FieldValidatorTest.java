package org.irplaybooks.starter.listener.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldValidatorTest {

  @ParameterizedTest
  @ValueSource(strings = {"alice", "svc.deploy+ci@example.com", "a_b-c=d,e", "A"})
  void iamName_acceptsWhatIamAllows(String name) {
    assertThat(FieldValidator.iamName("p", name)).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice\"},{\"Effect\":\"Allow", "../../etc", "*", "\u0430lice", "al ice", "",
      "alice\n", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void iamName_refusesInjectionAndLookAlikes(String name) {
    assertThatThrownBy(() -> FieldValidator.iamName("detail.x.userName", name))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessage("detail.x.userName: not a valid IAM user name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "198.51.100.23", "255.255.255.255", "::", "::1", "2001:db8::1",
      "2001:db8:85a3::8a2e:370:7334", "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.0.2.1", "fe80::"})
  void ipAddress_acceptsLiterals(String ip) {
    assertThat(FieldValidator.ipAddress("p", ip)).isEqualTo(ip);
  }

  @ParameterizedTest
  @ValueSource(strings = {"256.1.1.1", "1.2.3", "01.2.3.4x", "localhost", "example.com", "1:2:3:4:5:6:7:8:9",
      "2001:db8::1::2", "12345::", "fe80::1%eth0", "::ffff:999.0.2.1", " 1.2.3.4", "1.2.3.4/32", ":1"})
  void ipAddress_refusesEverythingElseWithoutResolving(String value) {
    assertThatThrownBy(() -> FieldValidator.ipAddress("ip", value)).hasMessage("ip: not an IPv4 or IPv6 address");
  }

  @Test
  void accountAndRegion() {
    assertThat(FieldValidator.accountId("a", "123456789012")).isEqualTo("123456789012");
    assertThatThrownBy(() -> FieldValidator.accountId("account", "12")).hasMessage("account: not a 12-digit AWS account id");
    assertThatThrownBy(() -> FieldValidator.accountId("account", "١٢٣٤٥٦٧٨٩٠١٢")).isInstanceOf(InvalidFieldException.class);
    assertThat(FieldValidator.region("r", "us-gov-west-1")).isEqualTo("us-gov-west-1");
    assertThat(FieldValidator.region("r", "us-isob-east-1")).isEqualTo("us-isob-east-1");
    assertThat(FieldValidator.region("r", "ap-southeast-5")).isEqualTo("ap-southeast-5");
    assertThatThrownBy(() -> FieldValidator.region("region", "US-EAST-1")).isInstanceOf(InvalidFieldException.class);
  }

  @Test
  void arns() {
    assertThat(FieldValidator.arn("a", "arn:aws:iam::123456789012:user/division/alice")).isNotNull();
    assertThat(FieldValidator.arn("a", "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess")).isNotNull();
    assertThat(FieldValidator.arn("a", "arn:aws-cn:s3:::my-bucket")).isNotNull();
    assertThatThrownBy(() -> FieldValidator.arn("arn", "arn:aws:iam::123456789012:user/a\"}")).hasMessage("arn: not a valid ARN");
    assertThatThrownBy(() -> FieldValidator.arn("arn", "arn:gcp:iam::123456789012:user/a")).hasMessage("arn: not a valid ARN");
    assertThatThrownBy(() -> FieldValidator.arn("arn", "arn:aws:iam::123456789012:user/a\u0000")).hasMessage("arn: not a valid ARN");
    assertThatThrownBy(() -> FieldValidator.arn("arn", "arn:aws:s3:::" + "b".repeat(2100))).hasMessageContaining("longer than 2048");
  }

  @Test
  void accessKeysAndFindingFields() {
    assertThat(FieldValidator.accessKeyId("k", "ASIAIOSFODNN7EXAMPLE")).isNotNull();
    assertThatThrownBy(() -> FieldValidator.accessKeyId("k", "AKIAiosfodnn7example")).isInstanceOf(InvalidFieldException.class);
    assertThatThrownBy(() -> FieldValidator.accessKeyId("k", "AROAIOSFODNN7EXAMPLE")).isInstanceOf(InvalidFieldException.class);
    assertThatThrownBy(() -> FieldValidator.findingId("id", "abc\"; DROP")).hasMessageStartingWith("id: not a valid finding id");
    assertThatThrownBy(() -> FieldValidator.findingId("id", "a".repeat(513))).hasMessageContaining("longer than 512");
    assertThat(FieldValidator.findingType("t", "Backdoor:Lambda/C&CActivity.B")).isNotNull();
    assertThatThrownBy(() -> FieldValidator.findingType("t", "Recon:IAMUser/X\u0007")).isInstanceOf(InvalidFieldException.class);
  }

  @Test
  void displayText_dropsControlAndFormatCharacters() {
    assertThat(FieldValidator.displayText("a\u0000b\u202Ec\nd")).isEqualTo("a b c d");
    assertThat(FieldValidator.displayText("x".repeat(5000))).hasSize(FieldValidator.MAX_TITLE_LENGTH);
  }
}
