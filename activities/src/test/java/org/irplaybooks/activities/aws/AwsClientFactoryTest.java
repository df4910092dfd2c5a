package org.irplaybooks.activities.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.irplaybooks.activities.MotoFixture;
import org.irplaybooks.activities.emulator.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwsClientFactoryTest {
  private static MotoServer moto;

  @BeforeAll
  static void startMoto() {
    moto = MotoFixture.startMoto(AwsClientFactoryTest.class);
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) moto.close();
  }

  @BeforeEach
  void reset() {
    moto.reset();
  }

  @Test
  void clients_areCachedPerServiceAccountAndRegion() {
    try (AwsClientFactory clients = MotoFixture.clients(MotoFixture.settings(moto).build())) {
      assertThat(clients.iam(null)).isSameAs(clients.iam(null));
      assertThat(clients.iam(MotoFixture.ACCOUNT)).isSameAs(clients.iam(null));
      assertThat(clients.cloudTrail(null, "us-east-1")).isSameAs(clients.cloudTrail(null, null));
      assertThat(clients.cloudTrail(null, "eu-west-1")).isNotSameAs(clients.cloudTrail(null, "us-east-1"));
      assertThat(clients.s3()).isSameAs(clients.s3());
    }
  }

  @Test
  void otherAccount_isReachedThroughTheResponderRole() {
    String other = "111111111111";
    AwsSettings settings = MotoFixture.settings(moto).responderRoleName("IrResponder").build();
    try (AwsClientFactory clients = MotoFixture.clients(settings)) {
      assertThat(settings.assumesRoleIn(other)).isTrue();
      assertThat(settings.assumesRoleIn(MotoFixture.ACCOUNT)).isFalse();
      assertThat(clients.iam(other)).isNotSameAs(clients.iam(null));

      // moto maps credentials from AssumeRole to the role's account: the user lands there.
      String arn = clients.iam(other).createUser(b -> b.userName("mallory")).user().arn();
      assertThat(arn).isEqualTo("arn:aws:iam::" + other + ":user/mallory");
      String home = clients.iam(null).createUser(b -> b.userName("alice")).user().arn();
      assertThat(home).isEqualTo("arn:aws:iam::" + MotoFixture.ACCOUNT + ":user/alice");
    }
  }

  @Test
  void settings_rejectCallTimeoutsThatOutliveTheActivity() {
    assertThatThrownBy(() -> AwsSettings.builder("us-east-1").apiCallTimeout(Duration.ofSeconds(30)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start-to-close");
    AwsSettings defaults = AwsSettings.builder("us-east-1").build();
    assertThat(defaults.apiCallTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(defaults.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.secretNamePrefix()).isEqualTo("ir-playbooks/");
  }

  @Test
  void serviceEndpoint_overridesTheCommonOne() {
    AwsSettings settings = MotoFixture.settings(moto)
        .serviceEndpoints(java.util.Map.of("cloudtrail", java.net.URI.create("http://127.0.0.1:1"))).build();
    assertThat(settings.endpointFor("cloudtrail")).hasToString("http://127.0.0.1:1");
    assertThat(settings.endpointFor("iam")).isEqualTo(moto.endpoint());
  }
}
